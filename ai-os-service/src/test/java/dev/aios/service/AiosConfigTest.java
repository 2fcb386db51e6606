package dev.aios.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.GateDecision;
import dev.aios.samples.briefing.BriefingSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aios.yaml configuration: a good file, each kind of error with its line, ~ and env-named keys. */
class AiosConfigTest {
    @TempDir
    Path home;

    Path dir;
    Map<String, String> env;

    static final String GOOD = """
            user:
              name: Ola Berg
              addresses: [ola.berg@fjordfreight.no, ola@fjordfreight.no]
            sources:
              maildir: [~/Mail, work/Mail]
              mbox: [archive.mbox]
              calendar: [~/calendar.ics]
              slack-export: ~/slack
            brains:
              allow-cloud: true
              catalog:
                gpt:
                  provider: openai
                  model: gpt-4o-mini
                  api-key-env: MY_OPENAI_KEY
                  input-price-per-million: 0.15
                  context-window: 128000
                  timeout: 30s
            briefing: { schedule: "every weekday at 7:30", zone: Europe/Oslo }
            gate: { ask: [mail.send_draft], deny: [mail.send], allow: [], approval-timeout: 24h }
            storage: { state: ~/.aios/state, out: out }
            console: { bind: 127.0.0.1, port: 7171 }
            """;

    @BeforeEach
    void sources() throws Exception {
        dir = Files.createDirectories(home.resolve("config"));
        for (Path maildir : new Path[] {home.resolve("Mail"), dir.resolve("work/Mail")}) {
            Files.createDirectories(maildir.resolve("cur"));
            Files.createDirectories(maildir.resolve("new"));
            Files.createDirectories(maildir.resolve("tmp"));
        }
        Files.writeString(dir.resolve("archive.mbox"), "");
        Files.writeString(home.resolve("calendar.ics"), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
        Files.createDirectories(home.resolve("slack"));
        env = Map.of("HOME", home.toString(), "MY_OPENAI_KEY", "sk-test-not-a-real-key");
    }

    private AiosConfig load(String yaml) throws Exception {
        Path file = dir.resolve("aios.yaml");
        Files.writeString(file, yaml);
        return AiosConfig.load(file, env);
    }

    private void assertError(String yaml, int line, String keyPath, String... words) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(AiosConfigException.class, e -> {
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.keyPath()).isEqualTo(keyPath);
            assertThat(e.getMessage()).contains(dir.resolve("aios.yaml").toString(), "line " + line, keyPath).contains(words);
        });
    }

    @Test
    void aGoodFileGivesTheWholeConfiguration() throws Exception {
        AiosConfig config = load(GOOD);

        assertThat(config.user().name()).isEqualTo("Ola Berg");
        assertThat(config.user().isUser("OLA@fjordfreight.no")).isTrue();
        assertThat(config.sources().maildirs()).containsExactly(home.resolve("Mail"), dir.resolve("work/Mail"));
        assertThat(config.sources().mboxes()).containsExactly(dir.resolve("archive.mbox"));
        assertThat(config.sources().slackExport()).isEqualTo(home.resolve("slack"));
        assertThat(config.schedule().days()).doesNotContain(DayOfWeek.SATURDAY).contains(DayOfWeek.MONDAY);
        assertThat(config.schedule().times()).containsExactly(LocalTime.of(7, 30));
        assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
        assertThat(config.gate().approvalTimeout()).isEqualTo(Duration.ofHours(24));
        assertThat(config.gate().deny()).containsExactly("mail.send");
        assertThat(config.gate().policy()).isNotNull();
        assertThat(config.storage().state()).isEqualTo(home.resolve(".aios/state"));
        assertThat(config.storage().out()).isEqualTo(dir.resolve("out"));
        assertThat(config.console()).isEqualTo(new AiosConfig.Console("127.0.0.1", 7171));
        assertThat(config.brains().allowCloud()).isTrue();
        assertThat(config.brains().properties()).containsEntry("brains", "gpt")
                .containsEntry("brain.gpt.provider", "openai").containsEntry("brain.gpt.apiKeyEnv", "MY_OPENAI_KEY")
                .containsEntry("brain.gpt.inputPricePerMillion", "0.15").containsEntry("brain.gpt.timeout", "PT30S");
        assertThat(config.toString()).doesNotContain("sk-test");

        BriefingSetup setup = config.briefingSetup(LocalDate.of(2026, 3, 2));
        assertThat(setup.user()).isEqualTo(config.user());
        assertThat(setup.maildirs()).hasSize(2);
        assertThat(setup.tracker()).isEqualTo(home.resolve(".aios/state/tracker.json"));
    }

    @Test
    void theGateAsksDeniesAndAllowsByToolName() throws Exception {
        var policy = load(GOOD.replace("allow: []", "allow: [tracker.create]")).gate().policy();
        assertThat(policy.toString()).contains("mail.send_draft", "mail.send", "tracker.create");
        assertError(GOOD.replace("allow: []", "allow: [mail.send]"), 20, "gate.allow[0]", "both gate.deny and gate.allow");
        assertThat(GateDecision.Verdict.valueOf("ASK")).isNotNull();
    }

    @Test
    void theToolsSectionNamesFoldersHostsAndCommands() throws Exception {
        Files.createDirectories(home.resolve("Documents"));
        String yaml = GOOD + """
                tools:
                  folders: [~/Documents]
                  read-only-folders: [~/Mail]
                  hosts: [example.com, "*.wikipedia.org"]
                  commands: [git, /usr/bin/pandoc]
                """;
        AiosConfig.Tools tools = load(yaml).tools();
        assertThat(tools.folders()).containsExactly(home.resolve("Documents"));
        assertThat(tools.readOnlyFolders()).containsExactly(home.resolve("Mail"));
        assertThat(tools.hosts()).containsExactly("example.com", "*.wikipedia.org");
        assertThat(tools.commands()).containsExactly("git", "/usr/bin/pandoc");
        assertThat(load(GOOD).tools()).isEqualTo(AiosConfig.Tools.NONE);
        assertError(yaml.replace("[git, /usr/bin/pandoc]", "[\"rm -rf /\"]"), 27, "tools.commands[0]",
                "is not a program");
        assertError(yaml.replace("[example.com,", "[https://example.com,"), 26, "tools.hosts[0]", "is not a host");
        assertError(yaml.replace("[~/Documents]", "[~/Nowhere]"), 24, "tools.folders[0]", "Nowhere");
    }

    @Test
    void anUnknownKeyIsNamedWithTheNearestKnownOne() {
        assertError(GOOD.replace("  mbox:", "  mboxes:"), 6, "sources.mboxes", "unknown key 'mboxes'", "did you mean 'mbox'?");
        assertError(GOOD.replace("storage:", "storrage:"), 21, "storrage", "did you mean 'storage'?");
    }

    @Test
    void aWrongTypeIsNamed() {
        assertError(GOOD.replace("port: 7171", "port: seventy"), 22, "console.port", "expected a whole number, found a text");
        assertError(GOOD.replace("port: 7171", "port: 70000"), 22, "console.port", "from 1 to 65535");
        assertError(GOOD.replace("allow-cloud: true", "allow-cloud: maybe"), 10, "brains.allow-cloud", "true or false");
        assertError(GOOD.replace("addresses: [ola.berg@fjordfreight.no, ola@fjordfreight.no]", "addresses: {a: b}"), 3,
                "user.addresses", "expected a list");
    }

    @Test
    void aMissingPathIsNamedWithItsIndex() {
        assertError(GOOD.replace("work/Mail", "work/Mial"), 5, "sources.maildir[1]", dir.resolve("work/Mial").toString(),
                "does not exist");
        assertError(GOOD.replace("slack-export: ~/slack", "slack-export: ~/slak"), 8, "sources.slack-export",
                home.resolve("slak").toString());
    }

    @Test
    void aBadScheduleOrZoneIsNamed() {
        assertError(GOOD.replace("every weekday at 7:30", "every workday at 7:30"), 19, "briefing.schedule",
                "'workday'", "not a day");
        assertError(GOOD.replace("Europe/Oslo", "Europe/Osloo"), 19, "briefing.zone", "not a time zone");
        assertError(GOOD.replace("approval-timeout: 24h", "approval-timeout: soon"), 20, "gate.approval-timeout",
                "not a positive duration");
    }

    @Test
    void anApiKeyWrittenLiterallyIsRefused() {
        assertError(GOOD.replace("api-key-env: MY_OPENAI_KEY", "api-key: sk-proj-abc123"), 15, "brains.catalog.gpt.api-key",
                "name the environment variable instead");
        assertError(GOOD.replace("api-key-env: MY_OPENAI_KEY", "api-key-env: sk-proj-abc123"), 15,
                "brains.catalog.gpt.api-key-env", "name the environment variable instead");
    }

    @Test
    void anUnsetKeyVariableIsNamed() throws Exception {
        env = Map.of("HOME", home.toString());
        assertError(GOOD, 15, "brains.catalog.gpt.api-key-env", "MY_OPENAI_KEY", "is not set");
        assertError(GOOD.replace("      api-key-env: MY_OPENAI_KEY\n", ""), 13, "brains.catalog.gpt.provider",
                "OPENAI_API_KEY", "is not set");
    }

    @Test
    void badYamlAndDuplicateKeysAreNamedWithTheirLine() {
        assertError(GOOD.replace("console: { bind: 127.0.0.1, port: 7171 }", "console: { bind: [127.0.0.1, port: 7171 }"),
                22, "", "not valid YAML");
        assertError(GOOD + "user: {name: Sam, addresses: [sam@lumen.dev]}\n", 23, "user", "written twice (first on line 1)");
    }

    @Test
    void homeIsExpandedFromTheEnvironment() throws Exception {
        AiosConfig config = load(GOOD);
        assertThat(config.sources().maildirs().getFirst()).isEqualTo(home.resolve("Mail"));
        assertThat(config.sources().calendars()).containsExactly(home.resolve("calendar.ics"));
        assertError(GOOD.replace("~/calendar.ics", "~ola/calendar.ics"), 7, "sources.calendar[0]", "only ~/");
    }

    @Test
    void theStarterFileLoadsOnceItsPathsExist() throws Exception {
        String starter = AiosConfig.starterFile();
        assertThat(starter).contains("# ", "user:", "sources:", "brains:", "briefing:", "gate:", "tools:", "storage:",
                "console:",
                "api-key-env");
        Files.createDirectories(home.resolve("calendar"));
        AiosConfig config = load(starter);
        assertThat(config.user().addresses()).containsExactly("you@example.com");
        assertThat(config.gate().ask()).containsExactly("mail.send_draft");
        assertThat(config.tools()).isEqualTo(AiosConfig.Tools.NONE);
        assertThat(config.console()).isEqualTo(new AiosConfig.Console("127.0.0.1", 7070));
        assertThat(config.brains().catalog()).isEmpty();
        assertThat(config.openBrains().brains()).isEmpty();
    }

    @Test
    void withNoFileTheSampleWorldIsTheConfiguration() {
        AiosConfig config = AiosConfig.sample(home.resolve("world"));
        BriefingSetup setup = config.briefingSetup(LocalDate.now());
        assertThat(setup.user().isUser("sam@lumen.dev")).isTrue();
        assertThat(setup.maildirs()).containsExactly(home.resolve("world/mail"));
        assertThat(config.gate().ask()).containsExactly("mail.send_draft");
        assertThat(config.file()).isNull();
    }
}
