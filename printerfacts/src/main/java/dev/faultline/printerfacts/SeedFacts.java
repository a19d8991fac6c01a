package dev.faultline.printerfacts;

import java.util.List;

/** The facts every fresh printerfacts keyspace starts with. */
final class SeedFacts {

    private SeedFacts() {}

    static final List<FactInput> ALL = List.of(
            new FactInput("The first laser printer, Xerox's EARS, was built at Xerox PARC in 1971 by modifying a copier.", "history"),
            new FactInput("HP's LaserJet of 1984 cost about 3,500 US dollars and printed eight pages a minute.", "history"),
            new FactInput("Johannes Gutenberg's press of around 1440 used movable metal type cast from an alloy of lead, tin and antimony.", "history"),
            new FactInput("Charles Babbage designed a printer for his Difference Engine No. 2 that could also make stereotype moulds.", "history"),
            new FactInput("The Richard Stallman printer story: a jammed Xerox 9700 at MIT whose driver source he could not get helped start free software.", "history"),
            new FactInput("Inkjet printers fire droplets of a few picolitres, either by boiling a bubble of ink or by flexing a piezo crystal.", "technology"),
            new FactInput("Thermal receipt printers use no ink: heat darkens a coating on the paper, which is why old receipts fade.", "technology"),
            new FactInput("Laser printers work by static electricity: a laser discharges a drum, toner sticks where charge remains, heat fuses it.", "technology"),
            new FactInput("Dot-matrix printers are still sold because their pins can strike through carbonless multi-part forms.", "technology"),
            new FactInput("Many colour laser printers add faint yellow tracking dots that encode the printer's serial number and the date.", "security"),
            new FactInput("A network printer is a full computer: many run an embedded OS, a web server and accept jobs on TCP port 9100.", "security"),
            new FactInput("PostScript, which many printers interpret, is a Turing-complete programming language.", "technology"),
            new FactInput("PC LOAD LETTER is how some HP LaserJets said that the letter-size paper tray was empty.", "culture"),
            new FactInput("The printer-smashing scene in the film Office Space (1999) used a fax printer and a baseball bat.", "culture"),
            new FactInput("lp0 on fire is a real Linux kernel message, inherited from the days of printers that could actually catch fire.", "culture"),
            new FactInput("3D printers build objects layer by layer; the first stereolithography patent was filed by Chuck Hull in 1984.", "technology"),
            new FactInput("Printer ink has been priced at well over 1,000 US dollars per litre, more than many fine wines.", "economics"),
            new FactInput("Selling printers cheaply and ink dearly is the razor-and-blades model, and cartridges often carry chips to enforce it.", "economics"),
            new FactInput("The printer at the end of a hall is the classic example of a shared resource guarded by a spooler queue.", "computing"),
            new FactInput("Some printers wake up and print a test page after a power cut, which is how many offices learn there was one.", "culture"));
}
