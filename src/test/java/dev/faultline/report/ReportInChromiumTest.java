package dev.faultline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian's headless Chromium opens a run's report.html from disk and draws it: the screenshot is not
 * blank and the browser logs no console error. Skipped only outside CI when Chromium is missing
 * (scripts/install-prerequisites.sh installs it); in CI (env CI set) a missing Chromium fails.
 */
class ReportInChromiumTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"scenario", "lesson"})
    void chromiumRendersTheReportFromDiskWithoutConsoleErrors(String kind) throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (System.getenv("CI") == null) {
            assumeTrue(chromium != null, "chromium is not installed: run scripts/install-prerequisites.sh");
        }
        assertThat(chromium).as("chromium, installed by scripts/install-prerequisites.sh").isNotNull();
        Path run = kind.equals("lesson") ? TestRuns.writeLessonRun(dir.resolve("run")) : TestRuns.writeRun(dir.resolve("run"));
        Path report = run.resolve("report.html");
        Path screenshot = Path.of("target", kind + "-report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        Process browser = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--screenshot=" + screenshot, "--window-size=1300,2400", report.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).as("chromium finished within 60 s").isTrue();
        String log = Files.readString(dir.resolve("chromium.log"));

        assertThat(browser.exitValue()).as(log).isZero();
        // Chromium logs every console message as "...:CONSOLE:<line>] \"text\", source: ..."; the page has none.
        assertThat(log).doesNotContain("Uncaught").doesNotContainPattern(":CONSOLE[:(]");
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1300);
        assertThat(inkShare(image)).as("share of pixels that are not white").isBetween(0.03, 0.9);
    }

    private static double inkShare(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    ink++;
                }
            }
        }
        return ink / ((image.getWidth() / 2.0) * (image.getHeight() / 2.0));
    }
}
