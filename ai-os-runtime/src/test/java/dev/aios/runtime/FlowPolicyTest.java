package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.GateDecision;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.GateRequest;
import dev.aios.api.spi.RunContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow rules one by one, on gate requests built by hand. */
class FlowPolicyTest {
    private static final Provenance MAIL = Provenance.untrusted(Source.tool("mail.read"));
    private static final Provenance USER = Provenance.user();
    private static final Provenance PRIVATE_TRUSTED = Provenance.trusted(Source.memory("pref-1"));

    private final RunContext run = ExtensionsAndPolicyTest.context(Goal.of("a goal"));

    @Test
    void untrustedRecipientIsDeniedEvenForAReadOnlyTool() {
        GateDecision d = FlowPolicy.defaults().decide(request("contacts.lookup", ToolRisk.READ_ONLY,
                Map.of("email", MAIL)));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reason()).contains("'email'", "tool mail.read (untrusted", "must come from the user");
    }

    @Test
    void untrustedTextInANonAddressingArgumentOfAReadOnlyLocalToolIsAllowed() {
        GateDecision d = FlowPolicy.defaults().decide(request("text.count", ToolRisk.READ_ONLY, Map.of("text", MAIL)));
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void untrustedDataIntoASideEffectIsDeniedByDefaultAndAskedWhenTheHostOptsIn() {
        Map<String, Provenance> flows = Map.of("title", USER, "body", MAIL);
        GateDecision byDefault = FlowPolicy.defaults().decide(request("tracker.create", ToolRisk.SIDE_EFFECTING, flows));
        assertThat(byDefault.verdict()).isEqualTo(Verdict.DENY);
        assertThat(byDefault.reason()).contains("side-effecting", "'body'").doesNotContain("'title'");

        FlowPolicy asking = FlowPolicy.builder().untrustedIntoSideEffects(Verdict.ASK).build();
        assertThat(asking.decide(request("tracker.create", ToolRisk.SIDE_EFFECTING, flows)).verdict())
                .isEqualTo(Verdict.ASK);
        // opting in to ASK does not reopen addressing: a recipient from a mail is still denied
        assertThat(asking.decide(request("mail.send", ToolRisk.DESTRUCTIVE, Map.of("to", MAIL, "body", USER)))
                .verdict()).isEqualTo(Verdict.DENY);
        assertThat(FlowPolicy.defaults().decide(request("tracker.create", ToolRisk.SIDE_EFFECTING,
                Map.of("title", USER))).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void openWorldToolsCarryNoUntrustedAndNoPrivateData() {
        ToolRisk openWorld = ToolRisk.READ_ONLY.withOpenWorld();
        assertThat(FlowPolicy.defaults().decide(request("web.search", openWorld, Map.of("query", MAIL))).verdict())
                .isEqualTo(Verdict.DENY);
        GateDecision privateQuery = FlowPolicy.defaults().decide(request("web.search", openWorld,
                Map.of("query", PRIVATE_TRUSTED)));
        assertThat(privateQuery.verdict()).isEqualTo(Verdict.DENY);
        assertThat(privateQuery.reason()).contains("beyond this machine", "private");
        assertThat(FlowPolicy.defaults().decide(request("web.search", openWorld, Map.of("query", USER))).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void addressingIsKnownByNameInAnyCaseOrNestingAndBySchemaFormat() {
        FlowPolicy p = FlowPolicy.defaults();
        ToolDescriptor plain = tool("x", ToolRisk.READ_ONLY, ToolDescriptor.NO_ARGUMENTS);
        assertThat(p.isAddressing(plain, "message.to")).isTrue();
        assertThat(p.isAddressing(plain, "cc[2]")).isTrue();
        assertThat(p.isAddressing(plain, "Reply_To")).isTrue();
        assertThat(p.isAddressing(plain, "filePath")).isTrue();
        assertThat(p.isAddressing(plain, "body")).isFalse();
        for (String compound : List.of("webhook_url", "callback_url", "redirect_uri", "recipient_email", "to_address",
                "sendTo", "source_file", "location", "headers.Location", "message.recipientEmail", "targetPath")) {
            assertThat(p.isAddressing(plain, compound)).as(compound).isTrue();
        }
        for (String content : List.of("text_to_translate", "file_content", "subject", "title", "description", "query")) {
            assertThat(p.isAddressing(plain, content)).as(content).isFalse();
        }
        ToolDescriptor withFormat = tool("y", ToolRisk.READ_ONLY,
                "{\"type\":\"object\",\"properties\":{\"where\":{\"type\":\"string\",\"format\":\"uri\"}}}");
        assertThat(p.isAddressing(withFormat, "where")).isTrue();
        FlowPolicy custom = FlowPolicy.builder().addressingArgument("chat.post", "room").addressingArgument("account")
                .build();
        assertThat(custom.isAddressing(tool("chat.post", ToolRisk.SIDE_EFFECTING, ToolDescriptor.NO_ARGUMENTS), "room"))
                .isTrue();
        assertThat(custom.isAddressing(plain, "room")).isFalse();
        assertThat(custom.isAddressing(plain, "account")).isTrue();
    }

    @Test
    void hostRulesAddToTheDefaultsAndAFailingRuleDenies() {
        FlowPolicy p = FlowPolicy.builder()
                .rule("no-weekend-mail", r -> r.tool().name().equals("mail.send") ? GateDecision.ask("weekend") : null)
                .rule("broken", r -> {
                    throw new IllegalStateException("bug");
                })
                .build();
        GateDecision d = p.decide(request("mail.send", ToolRisk.DESTRUCTIVE, Map.of("to", USER)));
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reason()).contains("flow rule broken failed");
        FlowPolicy askOnly = FlowPolicy.builder()
                .rule("no-weekend-mail", r -> r.tool().name().equals("mail.send") ? GateDecision.ask("weekend") : null)
                .build();
        assertThat(askOnly.decide(request("mail.send", ToolRisk.DESTRUCTIVE, Map.of("to", USER))).reason())
                .isEqualTo("flow rule no-weekend-mail: weekend");
    }

    @Test
    void offDecidesNothingAndAllowIsNotAnOptionForSideEffects() {
        assertThat(FlowPolicy.off().decide(request("mail.send", ToolRisk.DESTRUCTIVE, Map.of("to", MAIL))).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThatThrownBy(() -> FlowPolicy.builder().untrustedIntoSideEffects(Verdict.ALLOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FlowPolicy.off()");
    }

    @Test
    void labelsResultsUntrustedAndPrivateUnlessOpenWorldOrDeclaredTrusted() {
        FlowPolicy p = FlowPolicy.builder().trustOutputOf("clock.now").build();
        Provenance mail = p.labelResult(tool("mail.read", ToolRisk.READ_ONLY, ToolDescriptor.NO_ARGUMENTS), USER);
        assertThat(mail.isTrusted()).isFalse();
        assertThat(mail.isPrivate()).isTrue();
        assertThat(mail.sources()).contains(Source.tool("mail.read"), Source.user());
        Provenance page = p.labelResult(tool("web.fetch", ToolRisk.READ_ONLY.withOpenWorld(),
                ToolDescriptor.NO_ARGUMENTS), USER);
        assertThat(page.isTrusted()).isFalse();
        assertThat(page.isPrivate()).isFalse();
        Provenance clock = p.labelResult(tool("clock.now", ToolRisk.READ_ONLY, ToolDescriptor.NO_ARGUMENTS), USER);
        assertThat(clock.isTrusted()).isTrue();
        // a trusted tool fed untrusted arguments returns untrusted data
        assertThat(p.labelResult(tool("clock.now", ToolRisk.READ_ONLY, ToolDescriptor.NO_ARGUMENTS), MAIL).isTrusted())
                .isFalse();
    }

    @Test
    void hostsMayNameContentArgumentsAndReviewedToolsButNeverReopenAddressingOrTheOpenWorld() {
        FlowPolicy p = FlowPolicy.builder().allowUntrustedContent("tracker.create", "description", "to")
                .reviewedByUser("mail.draft").reviewedByUser("mail.send").build();
        assertThat(p.decide(request("tracker.create", ToolRisk.SIDE_EFFECTING,
                Map.of("title", USER, "description", MAIL))).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(p.decide(request("tracker.create", ToolRisk.SIDE_EFFECTING,
                Map.of("title", MAIL, "description", MAIL))).reason()).contains("'title'").doesNotContain("'description'");
        assertThat(p.decide(request("tracker.create", ToolRisk.SIDE_EFFECTING, Map.of("to", MAIL))).verdict())
                .as("an addressing argument is never content").isEqualTo(Verdict.DENY);
        assertThat(p.decide(request("mail.draft", ToolRisk.SIDE_EFFECTING, Map.of("to", MAIL, "text", MAIL))).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(p.decide(request("mail.send", ToolRisk.DESTRUCTIVE.withOpenWorld(), Map.of("to", MAIL))).verdict())
                .as("a tool that reaches out is never 'reviewed'").isEqualTo(Verdict.DENY);
    }

    private GateRequest request(String name, ToolRisk risk, Map<String, Provenance> flows) {
        Map<String, Object> args = new LinkedHashMap<>();
        flows.keySet().forEach(k -> args.put(k, "v"));
        return new GateRequest(new ToolCall("r/s1", name, args), tool(name, risk, ToolDescriptor.NO_ARGUMENTS), flows,
                run);
    }

    private static ToolDescriptor tool(String name, ToolRisk risk, String schema) {
        return new ToolDescriptor(name, "", schema, risk);
    }
}
