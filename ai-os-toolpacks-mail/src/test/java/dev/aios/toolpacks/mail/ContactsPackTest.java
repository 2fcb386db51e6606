package dev.aios.toolpacks.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Json;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import java.io.IOException;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.property.Uid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contacts pack on real vCard files, written by the tools and by ez-vcard directly. */
class ContactsPackTest {
    @TempDir
    Path dir;
    private int calls;

    private static List<VCard> read(Path file) throws IOException {
        try (VCardReader reader = new VCardReader(file)) {
            return reader.readAll();
        }
    }

    private static void write(Path file, VCard card) throws IOException {
        try (VCardWriter writer = new VCardWriter(Files.newBufferedWriter(file), card.getVersion() == null ? VCardVersion.V3_0 : card.getVersion())) {
            writer.write(card);
        }
    }

    private ToolResult call(ToolPack pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("c" + (++calls), tool, args));
    }

    private static JsonNode json(ToolResult result) throws Exception {
        assertThat(result.error()).as(result.text()).isFalse();
        return Json.MAPPER.readTree(result.text());
    }

    @Test
    void contactsAreAddedFoundUpdatedAndDeleted() throws Exception {
        ToolPack pack = ContactsPack.builder().root(dir).build();
        String uid = json(call(pack, "contacts.add", Map.of("name", "Ana Lima", "emails", List.of("ana@example.com"),
                "phones", List.of("+49 30 1234 567"), "organisation", "Acme Labs", "note", "met at the fair")))
                .get("uid").asText();
        json(call(pack, "contacts.add", Map.of("name", "Bo Chen", "emails", List.of("bo@example.org"))));
        Path file = dir.resolve("contacts.vcf");
        List<VCard> cards = read(file);
        assertThat(cards).hasSize(2);
        assertThat(cards.get(0).getFormattedName().getValue()).isEqualTo("Ana Lima");
        assertThat(cards.get(0).getUid().getValue()).isEqualTo(uid);

        assertThat(json(call(pack, "contacts.search", Map.of("query", "ana"))).get("contacts").get(0).get("uid")
                .asText()).isEqualTo(uid);
        assertThat(json(call(pack, "contacts.search", Map.of("query", "acme"))).get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "contacts.search", Map.of("query", "301234567"))).get("matched").asInt()).isEqualTo(1);
        assertThat(json(call(pack, "contacts.search", Map.of("query", "example"))).get("matched").asInt()).isEqualTo(2);
        assertThat(json(call(pack, "contacts.search", Map.of("query", "zed"))).get("matched").asInt()).isZero();

        JsonNode updated = json(call(pack, "contacts.update", Map.of("uid", uid, "emails", List.of("ana@acme.example"),
                "organisation", "Acme GmbH")));
        assertThat(updated.get("contact").get("emails").get(0).asText()).isEqualTo("ana@acme.example");
        VCard ana = read(file).get(0);
        assertThat(ana.getEmails()).hasSize(1);
        assertThat(ana.getOrganization().getValues()).containsExactly("Acme GmbH");
        assertThat(ana.getTelephoneNumbers()).hasSize(1); // untouched

        json(call(pack, "contacts.delete", Map.of("uid", uid)));
        assertThat(read(file)).hasSize(1);
        assertThat(call(pack, "contacts.delete", Map.of("uid", uid)).text()).contains("no contact with uid");
        assertThat(call(pack, "contacts.update", Map.of("uid", "x")).text()).contains("at least one field");
    }

    @Test
    void aFileWrittenByEzVcardIsSearchedAndKeepsItsVersion() throws Exception {
        VCard card = new VCard(VCardVersion.V4_0);
        card.setUid(new Uid("urn:uuid:1234"));
        card.setFormattedName("Carla Diaz");
        card.addEmail("carla@example.net");
        Path file = dir.resolve("people.vcf");
        write(file, card);

        ToolPack pack = ContactsPack.builder().root(dir).addressBook("people.vcf").build();
        assertThat(json(call(pack, "contacts.search", Map.of("query", "carla diaz"))).get("contacts").get(0)
                .get("emails").get(0).asText()).isEqualTo("carla@example.net");
        json(call(pack, "contacts.update", Map.of("uid", "urn:uuid:1234", "note", "prefers mail")));
        String text = Files.readString(file);
        assertThat(text).contains("VERSION:4.0").contains("prefers mail");
    }

    @Test
    void pathsOutsideTheRootsAndWritesToReadOnlyRootsAreRefused(@TempDir Path other) throws Exception {
        write(other.resolve("shared.vcf"), new VCard());
        ToolPack pack = ContactsPack.builder().root(dir).readOnlyRoot(other).build();
        assertThat(call(pack, "contacts.add", Map.of("name", "X", "file", "../x.vcf")).text()).contains("outside the folders");
        assertThat(call(pack, "contacts.add", Map.of("name", "X", "file", other.resolve("shared.vcf").toString())).text())
                .contains("read-only");
        assertThat(json(call(pack, "contacts.search", Map.of("query", "x", "file", other.resolve("shared.vcf").toString())))
                .get("matched").asInt()).isZero();
        assertThat(call(ContactsPack.builder().build(), "contacts.search", Map.of("query", "x")).text())
                .contains("no folders are configured");
        assertThat(call(pack, "contacts.add", Map.of("name", "X", "emails", List.of("not an address"))).text())
                .contains("argument 'emails'");
    }
}
