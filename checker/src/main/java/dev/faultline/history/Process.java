package dev.faultline.history;

/** Who performed an op: a numbered client, or the nemesis that injects faults. */
public sealed interface Process permits Process.Client, Process.Nemesis {

    Nemesis NEMESIS = new Nemesis();

    static Client client(int id) {
        return new Client(id);
    }

    /** A client process; Jepsen retires a process after an indeterminate op and uses a new id. */
    record Client(int id) implements Process {
        @Override
        public String toString() {
            return Integer.toString(id);
        }
    }

    /** The fault injector. Its ops are part of the history but are not checked. */
    record Nemesis() implements Process {
        @Override
        public String toString() {
            return "nemesis";
        }
    }
}
