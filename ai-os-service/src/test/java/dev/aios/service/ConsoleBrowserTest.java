package dev.aios.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.service.internal.console.ConsoleBackend;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs; the test skips without them) against a
 * real {@code aios serve} on the sample world: sign in with the token link, see today's briefing,
 * approve a pending approval and watch its run finish live, deny another, correct a triage label,
 * search memory and forget an item (gone after a reload), and see a mail whose subject holds a
 * script render as text. Screenshots of each page go to {@code target/console-screenshots/}.
 */
@Timeout(600)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> Q4 numbers";

    @TempDir
    static Path dir;
    static AiosService service;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);"
                        + " .ci/chromium-install installs them");
        Path world = dir.resolve("briefing-world");
        service = AiosService.start(AiosConfig.sample(world), AiosService.Options.defaults().withPort(0)
                .withBriefAtStart(false), new PrintStream(OutputStream.nullOutputStream()));
        service.briefNow();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The closed network refuses Chromium's background connections: turn them off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPersonLivesWithTheAgentThroughTheConsole() throws Exception {
        ConsoleBackend backend = service.backend();
        Path world = dir.resolve("briefing-world");

        // ---- sign in with the one-time link; the token leaves the address bar
        browser.get(service.loginUrl().toString());
        waitFor(d -> d.findElements(By.id("briefing")).size() == 1);
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
        List<WebElement> rows = browser.findElements(By.cssSelector("tr.triage-item"));
        assertThat(rows).as("today's briefing lists the inbox").hasSizeGreaterThan(10);
        assertThat(browser.findElements(By.cssSelector("#drafts .draft"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#meetings .meeting"))).hasSize(2);
        shot("briefing");

        // ---- a mail whose subject holds a script shows as text
        deliver(world.resolve("mail"), HOSTILE);
        waitForBackend(() -> backend.arrivals().stream().anyMatch(a -> a.subject().equals(HOSTILE)), "the hostile mail");
        browser.navigate().refresh();
        waitFor(d -> d.findElement(By.id("content")).getText().contains("window.__pwned=1"));
        assertThat(browser.findElement(By.id("content")).getText()).contains("<script>window.__pwned=1</script>",
                "onerror=");
        Object pwned = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return typeof window.__pwned");
        assertThat(pwned).as("no script from a mail ran").isEqualTo("undefined");
        shot("briefing-hostile-subject");

        // ---- correct a triage label with one click
        WebElement row = browser.findElements(By.cssSelector("tr.triage-item")).get(0);
        String messageId = row.getAttribute("data-message-id");
        String label = row.findElement(By.cssSelector(".label")).getText().strip();
        String corrected = label.equals("noise") ? "routine" : "noise";
        new Select(row.findElement(By.cssSelector("select[name=label]"))).selectByValue(corrected);
        row.findElement(By.cssSelector("button.correct")).click();
        By correctedRow = By.cssSelector("tr.triage-item.corrected[data-message-id='" + messageId + "'] .label");
        waitFor(d -> d.findElements(correctedRow).size() == 1 && d.findElement(correctedRow).getText().strip()
                .equals(corrected));
        assertThat(service.agent().memory().recall(new MemoryQuery("", 10, Set.of(MemoryLayer.LONG_TERM),
                Map.of("kind", "triage", "messageId", messageId)))).as("the correction is kept").hasSize(1);
        shot("briefing-corrected");

        // ---- two goals wait for approval: sending two drafts
        List<String> drafts;
        try (Stream<Path> files = Files.list(world.resolve("out/drafts"))) {
            drafts = files.map(p -> p.getFileName().toString()).sorted().limit(2).toList();
        }
        assertThat(drafts).hasSize(2);
        String approvedRun = backend.submitGoal("send the draft " + drafts.get(0));
        waitForBackend(() -> backend.pendingApprovals().size() == 1, "the first approval");
        String deniedRun = backend.submitGoal("send the draft " + drafts.get(1));
        waitForBackend(() -> backend.pendingApprovals().size() == 2, "the second approval");

        // the run's page, open in a tab of its own, follows the run live
        String consoleTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(service.consoleUrl().resolve("runs/" + approvedRun).toString());
        waitFor(d -> d.findElements(By.id("timeline")).size() == 1);
        String runTab = browser.getWindowHandle();
        browser.switchTo().window(consoleTab);

        browser.get(service.consoleUrl().resolve("approvals").toString());
        waitFor(d -> d.findElements(By.cssSelector("div.approval")).size() == 2);
        shot("approvals");
        WebElement first = approvalOf(approvedRun);
        assertThat(first.findElement(By.cssSelector(".tool-name")).getText()).contains("mail.send_draft");
        assertThat(first.findElement(By.cssSelector("ul.risk")).getText().toLowerCase()).contains("destructive");
        first.findElement(By.cssSelector("input[name=note]")).sendKeys("yes, send it");
        first.findElement(By.cssSelector("button.approve")).click();
        waitFor(d -> d.findElements(By.cssSelector("div.approval.answered .outcome")).size() == 1);

        WebElement second = approvalOf(deniedRun);
        second.findElement(By.cssSelector("input[name=reason]")).sendKeys("not today");
        second.findElement(By.cssSelector("button.deny")).click();
        waitFor(d -> d.findElements(By.cssSelector("div.approval.answered .outcome")).size() == 2);
        shot("approvals-answered");

        // the run's tab saw it finish, without a reload
        browser.switchTo().window(runTab);
        waitFor(d -> d.findElement(By.id("run-status")).getText().contains("SUCCEEDED"));
        waitFor(d -> d.findElement(By.id("run-state")).getText().contains("FINISHED"));
        assertThat(browser.findElements(By.cssSelector("#timeline li.event"))).hasSizeGreaterThan(2);
        assertThat(Files.exists(world.resolve("out/outbox").resolve(drafts.get(0)))).isTrue();
        assertThat(Files.exists(world.resolve("out/outbox").resolve(drafts.get(1)))).as("denied: not sent").isFalse();
        shot("run-live");
        browser.close();
        browser.switchTo().window(consoleTab);

        // ---- runs list
        browser.get(service.consoleUrl().resolve("runs").toString());
        waitFor(d -> d.findElements(By.cssSelector("tr.run[data-run-id='" + approvedRun + "']")).size() == 1);
        shot("runs");

        // ---- memory: search, forget, gone after a reload
        browser.get(service.consoleUrl().resolve("memory").toString());
        // wait, as for every other page: a slow machine may return from get() before the page is in
        waitFor(d -> d.findElements(By.id("memory-search")).size() == 1);
        WebElement search = browser.findElement(By.id("memory-search"));
        search.findElement(By.name("q")).sendKeys("invoice");
        search.submit();
        waitFor(d -> !d.findElements(By.cssSelector("div.hit")).isEmpty());
        WebElement hit = browser.findElements(By.cssSelector("div.hit")).get(0);
        String memoryId = hit.getAttribute("data-memory-id");
        assertThat(hit.findElement(By.cssSelector(".hit-why")).getText()).isNotBlank();
        shot("memory");
        hit.findElement(By.cssSelector("button.forget")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                d.switchTo().alert().accept(); // "Forget this memory for good?"
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
        By forgotten = By.cssSelector("div.hit[data-memory-id='" + memoryId + "']");
        waitFor(d -> d.findElements(forgotten).isEmpty());
        browser.navigate().refresh();
        waitFor(d -> d.findElements(By.id("memory-search")).size() == 1);
        assertThat(browser.findElements(forgotten)).as("forgotten, after a reload").isEmpty();

        // ---- brains
        browser.get(service.consoleUrl().resolve("brains").toString());
        waitFor(d -> d.findElements(By.id("cost-saved")).size() == 1);
        shot("brains");
    }

    private WebElement approvalOf(String runId) {
        String requestId = service.backend().pendingApprovals().stream().filter(a -> a.runId().equals(runId))
                .findFirst().orElseThrow().id();
        return browser.findElement(By.cssSelector("div.approval[data-request-id='" + requestId + "']"));
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        // on a timeout, say where the browser was and what it showed (an error page names its cause)
        new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "the browser was at "
                + browser.getCurrentUrl() + ", showing: " + abbreviate(browser.findElement(By.tagName("body")).getText()))
                .until(condition::apply);
    }

    private static String abbreviate(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "...";
    }

    private static void waitForBackend(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void shot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private static void deliver(Path maildir, String subject) throws Exception {
        Files.createDirectories(maildir.resolve("tmp"));
        Files.createDirectories(maildir.resolve("new"));
        String id = "hostile-" + System.nanoTime() + "@attacker.example";
        String mail = "From: Mallory <mallory@attacker.example>\r\nTo: Sam Lee <sam@lumen.dev>\r\nSubject: " + subject
                + "\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())
                + "\r\nMessage-ID: <" + id + ">\r\n\r\nSee the attached numbers.\r\n";
        Path tmp = maildir.resolve("tmp").resolve(id);
        Files.writeString(tmp, mail, StandardCharsets.UTF_8);
        Files.move(tmp, maildir.resolve("new").resolve(id), StandardCopyOption.ATOMIC_MOVE);
    }
}
