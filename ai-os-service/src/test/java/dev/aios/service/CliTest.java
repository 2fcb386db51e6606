package dev.aios.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.samples.briefing.BriefingWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code aios} command line, in process: init, tools, a briefing from a configuration file, errors. */
@Timeout(300)
class CliTest {
    @TempDir
    Path home;

    private record Result(int code, String out) {}

    private Result aios(Map<String, String> extra, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", home.toString(),
                "AIOS_SAMPLE_WORLD", home.resolve("sample-world").toString()));
        env.putAll(extra);
        int code = Cli.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), env);
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void initWritesACommentedStarterOnceAndItsErrorsNameTheLine() throws Exception {
        Result first = aios(Map.of(), "init");
        Path file = home.resolve(".aios/aios.yaml");
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(Files.readString(file)).contains("user:", "sources:", "# ");
        Result again = aios(Map.of(), "init");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.out()).contains("exists", "--force");
        // the starter names folders this home lacks: serve refuses to start, and says where
        Result serve = aios(Map.of(), "serve", "--port", "0");
        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.out()).contains("aios.yaml, line", "sources.maildir[0]", "does not exist");
    }

    @Test
    void toolsListsOnePerLineWithItsRisk() {
        Result tools = aios(Map.of(), "tools");
        assertThat(tools.code()).as(tools.out()).isZero();
        assertThat(tools.out()).contains("mail.send_draft\tdestructive,open-world\t", "mail.draft\tside-effecting");
        // the built-in tool packs: more than a hundred tools, each with its risk
        assertThat(tools.out().lines().filter(l -> l.contains("\t")).map(l -> l.split("\t")[0]).distinct().count())
                .isGreaterThanOrEqualTo(100);
        assertThat(tools.out()).contains("files.trash\tside-effecting\t", "files.empty_trash\tdestructive",
                "web.fetch\tread-only,open-world,idempotent\t", "git.commit\tside-effecting\t");
    }

    @Test
    void runBriefsOnTheDataAConfigurationFileNames() throws Exception {
        // Someone's own data, in their own layout: the sample's files, moved out of the sample's folders.
        BriefingWorld world = BriefingWorld.writeTo(home.resolve("written"));
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Files.move(world.mail(), data.resolve("Mail"));
        Files.move(world.calendar(), data.resolve("calendars"));
        Files.move(world.chat(), data.resolve("slack"));
        Path config = home.resolve("aios.yaml");
        Files.writeString(config, """
                user:
                  name: Sam Lee
                  addresses: [sam@lumen.dev]
                sources:
                  maildir: [data/Mail]
                  calendar: [data/calendars]
                  slack-export: data/slack
                storage:
                  state: state
                  out: out
                """);
        Result run = aios(Map.of(), "run", "--config", config.toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("AI-OS morning briefing for Sam Lee", "## Reply drafts (not sent)");
        assertThat(home.resolve("out/briefing.md")).exists();
        assertThat(home.resolve("state/journal")).isDirectory();
    }

    @Test
    void approvalsNeedARunningServiceAndSayHowToStartOne() {
        Result approvals = aios(Map.of(), "approvals");
        assertThat(approvals.code()).isEqualTo(2);
        assertThat(approvals.out()).contains("no service runs", "aios serve");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Result run = aios(Map.of(), "run", "--config", home.resolve("nope.yaml").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).contains("no configuration file at", "nope.yaml", "aios init");
    }
}
