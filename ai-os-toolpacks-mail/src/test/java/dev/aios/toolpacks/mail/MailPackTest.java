package dev.aios.toolpacks.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Json;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The mail pack against GreenMail: a real IMAP and SMTP server in this process, on free local ports. */
class MailPackTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    private GreenMailUser me;
    private int calls;

    @BeforeEach
    void user() {
        me = greenMail.setUser("me@example.com", "me", PASSWORD);
    }

    private MailPack.Builder configured() {
        return MailPack.builder()
                .imap("127.0.0.1", greenMail.getImap().getPort(), "me", PASSWORD, MailPack.Security.NONE)
                .smtp("127.0.0.1", greenMail.getSmtp().getPort(), "me", PASSWORD, MailPack.Security.NONE)
                .from("me@example.com")
                .allowRecipients("*@example.com");
    }

    private ToolResult call(ToolPack pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("c" + (++calls), tool, args));
    }

    private static JsonNode json(ToolResult result) throws Exception {
        assertThat(result.error()).as(result.text()).isFalse();
        return Json.MAPPER.readTree(result.text());
    }

    private ToolResult send(ToolPack pack, String subject, String text, String key) {
        return pack.call(new ToolCall("c" + (++calls), "mail.send",
                Map.of("to", List.of("me@example.com"), "subject", subject, "text", text), key));
    }

    @Test
    void sentMailIsListedReadAndFound() throws Exception {
        ToolPack pack = configured().build();
        JsonNode sent = json(send(pack, "Quarterly report", "The numbers look good this quarter.", null));
        assertThat(sent.get("messageId").asText()).isNotBlank();
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();

        JsonNode list = json(call(pack, "mail.list", Map.of()));
        assertThat(list.get("total").asInt()).isEqualTo(1);
        JsonNode first = list.get("messages").get(0);
        assertThat(first.get("subject").asText()).isEqualTo("Quarterly report");
        assertThat(first.get("from").asText()).contains("me@example.com");
        assertThat(first.get("unread").asBoolean()).isTrue();
        long uid = first.get("uid").asLong();

        JsonNode read = json(call(pack, "mail.read", Map.of("uid", uid)));
        assertThat(read.get("body").asText()).contains("The numbers look good this quarter.");
        assertThat(read.get("to").asText()).contains("me@example.com");
        // reading does not mark it read
        assertThat(json(call(pack, "mail.list", Map.of())).get("messages").get(0).get("unread").asBoolean()).isTrue();

        assertThat(json(call(pack, "mail.search", Map.of("subject", "quarterly"))).get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "mail.search", Map.of("body", "numbers good"))).get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "mail.search", Map.of("from", "me@example.com", "unread", true)))
                .get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "mail.search", Map.of("subject", "holiday"))).get("matched").asInt()).isZero();
        assertThat(json(call(pack, "mail.search", Map.of("since", "2000-01-01"))).get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "mail.search", Map.of("before", "2000-01-01"))).get("matched").asInt()).isZero();
        ToolResult none = call(pack, "mail.search", Map.of());
        assertThat(none.error()).isTrue();
        assertThat(none.text()).contains("at least one of from");
        assertThat(none.provenance().isTrusted()).isFalse();
    }

    @Test
    void aRepeatedIdempotencyKeySendsOnceAndAnswersTheSame(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("sent.jsonl");
        ToolPack pack = configured().sentKeys(keys).build();
        ToolResult first = send(pack, "Once", "only once", "run-1/step-3");
        ToolResult second = send(pack, "Once", "only once", "run-1/step-3");
        assertThat(first.error()).as(first.text()).isFalse();
        assertThat(second.text()).isEqualTo(first.text());
        // a new pack (a restarted process) reads the record from the file
        ToolResult third = send(configured().sentKeys(keys).build(), "Once", "only once", "run-1/step-3");
        assertThat(third.text()).isEqualTo(first.text());
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        String id = json(first).get("messageId").asText();
        assertThat(greenMail.getReceivedMessages()[0].getMessageID()).isEqualTo(id);
        // another key is another mail
        send(pack, "Twice", "a second mail", "run-1/step-4");
        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void aRecipientOutsideTheAllowlistIsRefused() {
        ToolPack pack = configured().build();
        ToolResult result = call(pack, "mail.send", Map.of("to", List.of("me@example.com"),
                "cc", List.of("someone@elsewhere.org"), "subject", "x", "text", "y"));
        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains("someone@elsewhere.org").contains("not allowed");
        ToolResult none = call(MailPack.builder()
                .smtp("127.0.0.1", greenMail.getSmtp().getPort(), null, null, MailPack.Security.NONE)
                .from("me@example.com").build(), "mail.send",
                Map.of("to", List.of("me@example.com"), "subject", "x", "text", "y"));
        assertThat(none.text()).contains("no recipients are allowed").contains("allowRecipients");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void htmlIsReadAsTextAndAttachmentsAreListed() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("boss@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("me@example.com"));
        m.setSubject("Plan");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><head><style>p{color:red}</style></head><body><p>Hello <b>team</b>,</p>"
                + "<p>see the plan.</p></body></html>", "text/html; charset=UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        file.setFileName("plan.csv");
        file.setDisposition("attachment");
        m.setContent(new MimeMultipart(html, file));
        m.saveChanges();
        me.deliver(m);

        ToolPack pack = configured().build();
        long uid = json(call(pack, "mail.list", Map.of())).get("messages").get(0).get("uid").asLong();
        JsonNode read = json(call(pack, "mail.read", Map.of("folder", "INBOX", "uid", uid)));
        String body = read.get("body").asText();
        assertThat(body).contains("Hello team,").contains("see the plan.").doesNotContain("<p>").doesNotContain("color");
        assertThat(read.get("attachments").get(0).get("name").asText()).isEqualTo("plan.csv");
        assertThat(read.get("attachments").get(0).has("bytes")).isTrue();
        assertThat(call(pack, "mail.read", Map.of("uid", 999)).text()).contains("no message with uid 999");
    }

    @Test
    void draftsFoldersMoveFlagAndDelete() throws Exception {
        ToolPack pack = configured().build();
        JsonNode draft = json(call(pack, "mail.draft", Map.of("to", List.of("anyone@anywhere.org"),
                "subject", "Draft idea", "text", "not sent")));
        assertThat(draft.get("folder").asText()).isEqualTo("Drafts");
        assertThat(json(call(pack, "mail.list", Map.of())).get("total").asInt()).isZero();
        JsonNode drafts = json(call(pack, "mail.list", Map.of("folder", "Drafts")));
        assertThat(drafts.get("messages").get(0).get("subject").asText()).isEqualTo("Draft idea");

        send(pack, "First", "one", null);
        send(pack, "Second", "two", null);
        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        greenMail.getManagers().getImapHostManager().createMailbox(me, "Archive");

        JsonNode folders = json(call(pack, "mail.folders", Map.of()));
        assertThat(folders.get("folders").toString()).contains("INBOX").contains("Drafts").contains("Archive");
        JsonNode inbox = null;
        for (JsonNode f : folders.get("folders")) {
            if (f.get("folder").asText().equals("INBOX")) {
                inbox = f;
            }
        }
        assertThat(inbox.get("messages").asInt()).isEqualTo(2);
        assertThat(inbox.get("unread").asInt()).isEqualTo(2);

        JsonNode list = json(call(pack, "mail.list", Map.of()));
        long second = list.get("messages").get(0).get("uid").asLong();
        long first = list.get("messages").get(1).get("uid").asLong();

        JsonNode flagged = json(call(pack, "mail.flag", Map.of("uids", List.of(first, 4242), "mark", "read")));
        assertThat(flagged.get("notFound").get(0).asLong()).isEqualTo(4242);
        assertThat(json(call(pack, "mail.search", Map.of("unread", true))).get("matched").asInt()).isEqualTo(1);
        json(call(pack, "mail.flag", Map.of("uids", List.of(second), "mark", "flagged")));
        assertThat(json(call(pack, "mail.list", Map.of())).get("messages").get(0).get("flagged").asBoolean()).isTrue();

        JsonNode moved = json(call(pack, "mail.move", Map.of("uids", List.of(first), "to", "Archive")));
        assertThat(moved.get("moved").get(0).asLong()).isEqualTo(first);
        assertThat(json(call(pack, "mail.list", Map.of("folder", "Archive"))).get("messages").get(0).get("subject")
                .asText()).isEqualTo("First");
        assertThat(call(pack, "mail.move", Map.of("uids", List.of(second), "to", "Nowhere")).text())
                .contains("no mail folder 'Nowhere'");

        json(call(pack, "mail.delete", Map.of("uids", List.of(second))));
        assertThat(json(call(pack, "mail.list", Map.of())).get("total").asInt()).isZero();
        assertThat(json(call(pack, "mail.list", Map.of("folder", "Trash"))).get("messages").get(0).get("subject")
                .asText()).isEqualTo("Second");
        assertThat(call(pack, "mail.delete", Map.of("folder", "Trash", "uids", List.of(1))).text())
                .contains("already in Trash");
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword() {
        String wrong = "Wr0ng-Secret-Value";
        ToolPack pack = MailPack.builder()
                .imap("127.0.0.1", greenMail.getImap().getPort(), "me", wrong, MailPack.Security.NONE)
                .smtp("127.0.0.1", greenMail.getSmtp().getPort(), "me", wrong, MailPack.Security.NONE)
                .from("me@example.com").allowRecipients("me@example.com").build();
        ToolResult list = call(pack, "mail.list", Map.of());
        assertThat(list.error()).isTrue();
        assertThat(list.text()).contains("IMAP server 127.0.0.1").contains("login of me was refused")
                .doesNotContain(wrong);
        for (String tool : List.of("mail.folders", "mail.search", "mail.read", "mail.move", "mail.flag", "mail.delete",
                "mail.draft", "mail.send")) {
            Map<String, Object> args = switch (tool) {
                case "mail.search" -> Map.of("unread", true);
                case "mail.read" -> Map.of("uid", 1);
                case "mail.move" -> Map.of("uids", List.of(1), "to", "Archive");
                case "mail.flag" -> Map.of("uids", List.of(1), "mark", "read");
                case "mail.delete" -> Map.of("uids", List.of(1));
                case "mail.draft", "mail.send" -> Map.of("to", List.of("me@example.com"), "subject", "s", "text", "t");
                default -> Map.of();
            };
            ToolResult r = call(pack, tool, args);
            assertThat(r.error()).as(tool).isTrue();
            assertThat(r.text()).as(tool).doesNotContain(wrong);
        }
        assertThat(pack.toString()).doesNotContain(wrong);
    }

    @Test
    void unconfiguredServersAreDeniedWithWhatToConfigure() {
        ToolPack pack = MailPack.builder().build();
        assertThat(call(pack, "mail.list", Map.of()).text()).contains("no IMAP server is configured").contains("imap(");
        assertThat(call(pack, "mail.send", Map.of("to", List.of("a@example.com"), "subject", "s", "text", "t")).text())
                .contains("no SMTP server is configured");
    }

    @Test
    void sentKeysFileHoldsOneLinePerKey(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("state/sent.jsonl");
        ToolPack pack = configured().sentKeys(keys).build();
        send(pack, "k", "v", "key-a");
        send(pack, "k", "v", "key-a");
        assertThat(Files.readAllLines(keys)).hasSize(1).allSatisfy(l -> assertThat(l).contains("key-a"));
    }
}
