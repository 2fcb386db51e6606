package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Roots.Access;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.ToolHandlers;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardReader;
import ezvcard.io.text.VCardWriter;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Uid;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The contacts pack's tools over vCard files. Changes are serialised, so two adds never lose one another. */
public final class ContactTools {
    private final Roots roots;
    private final String addressBook;
    private final int maxResults;
    private final Object writeLock = new Object();

    private ContactTools(Roots roots, String addressBook, int maxResults) {
        this.roots = roots;
        this.addressBook = addressBook;
        this.maxResults = maxResults;
    }

    /** @return the contacts pack */
    public static ToolPack pack(Roots roots, String addressBook, int maxResults) {
        ContactTools t = new ContactTools(roots, addressBook, maxResults);
        String file = "the vCard file, relative to the contacts folder (default: the configured address book)";
        return Pack.named("contacts").examples(ContactTools.class)
                .tool("contacts.search", "Look up people in the address book: contacts whose name, email address,"
                        + " phone number or organisation contains all the given words.",
                        Schema.object().string("query", "words to look for; phone numbers match by their digits")
                                .string("file", file).required("query").json(),
                        ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, t::search)
                .tool("contacts.add", "Add a new contact (a person) to an address book file, with name, email"
                        + " addresses, phone numbers, organisation and a note; returns its UID.",
                        fields(Schema.object()).string("file", file).required("name").json(),
                        ToolRisk.SIDE_EFFECTING, Pack.Output.OUTSIDE, t::add)
                .tool("contacts.update", "Change (edit) a contact's details, found by UID: only the given fields"
                        + " change, and lists given replace the old ones.",
                        fields(Schema.object().string("uid", "the contact's UID (from contacts.search)"))
                                .string("file", file).required("uid").json(),
                        new ToolRisk(Level.SIDE_EFFECTING, false, true), Pack.Output.OUTSIDE, t::update)
                .tool("contacts.delete", "Delete (remove) a contact from an address book file by its UID.",
                        Schema.object().string("uid", "the contact's UID (from contacts.search)")
                                .string("file", file).required("uid").json(),
                        new ToolRisk(Level.DESTRUCTIVE, false, true), Pack.Output.OUTSIDE, t::delete)
                .build();
    }

    private static Schema fields(Schema schema) {
        return schema.string("name", "the full name")
                .strings("emails", "mail addresses")
                .strings("phones", "phone numbers")
                .string("organisation", "the company or organisation")
                .string("note", "a free-text note");
    }

    private ToolResult search(Map<String, Object> args) throws Exception {
        List<String> words = List.of(Args.string(args, "query").toLowerCase(Locale.ROOT).strip().split("\\s+"));
        Path path = path(args, Access.READ);
        List<Map<String, Object>> found = new ArrayList<>();
        int matched = 0;
        for (VCard card : load(path, false)) {
            if (matches(card, words)) {
                matched++;
                if (found.size() < maxResults) {
                    found.add(row(card));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", roots.display(path));
        out.put("matched", matched);
        out.put("contacts", found);
        if (matched > found.size()) {
            out.put("cut", (matched - found.size()) + " more contacts not shown; add words to the query");
        }
        return ToolResult.success(Json.text(out));
    }

    private ToolResult add(Map<String, Object> args) throws Exception {
        VCard card = new VCard(VCardVersion.V3_0);
        Uid uid = new Uid("urn:uuid:" + java.util.UUID.randomUUID());
        card.setUid(uid);
        apply(card, args);
        Path path = path(args, Access.WRITE);
        synchronized (writeLock) {
            List<VCard> cards = load(path, true);
            cards.add(card);
            save(path, cards);
        }
        return ToolResult.success(Json.text(Map.of("uid", uid.getValue(), "file", roots.display(path),
                "name", card.getFormattedName().getValue())));
    }

    private ToolResult update(Map<String, Object> args) throws Exception {
        String uid = Args.string(args, "uid").strip();
        if (args.keySet().stream().noneMatch(k -> List.of("name", "emails", "phones", "organisation", "note").contains(k))) {
            throw new IllegalArgumentException("give at least one field to change: name, emails, phones, organisation or note");
        }
        Path path = path(args, Access.WRITE);
        synchronized (writeLock) {
            List<VCard> cards = load(path, false);
            VCard card = cards.stream().filter(c -> uid.equals(uidOf(c))).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no contact with uid '" + uid + "' in " + roots.display(path)));
            apply(card, args);
            save(path, cards);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("updated", uid);
            out.put("contact", row(card));
            return ToolResult.success(Json.text(out));
        }
    }

    private ToolResult delete(Map<String, Object> args) throws Exception {
        String uid = Args.string(args, "uid").strip();
        Path path = path(args, Access.WRITE);
        synchronized (writeLock) {
            List<VCard> cards = load(path, false);
            if (!cards.removeIf(c -> uid.equals(uidOf(c)))) {
                throw new IllegalArgumentException("no contact with uid '" + uid + "' in " + roots.display(path));
            }
            save(path, cards);
        }
        return ToolResult.success(Json.text(Map.of("deleted", uid, "file", roots.display(path))));
    }

    /** Sets the fields the call gives; lists replace. */
    private static void apply(VCard card, Map<String, Object> args) {
        String name = Args.string(args, "name", null);
        if (name != null) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("argument 'name' must not be blank");
            }
            card.setFormattedName(name.strip());
            StructuredName n = new StructuredName();
            String[] parts = name.strip().split("\\s+");
            n.setFamily(parts.length > 1 ? parts[parts.length - 1] : parts[0]);
            if (parts.length > 1) {
                n.setGiven(String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 1)));
            }
            card.setStructuredName(n);
        }
        if (args.containsKey("emails")) {
            card.removeProperties(Email.class);
            for (String e : Args.strings(args, "emails")) {
                card.addEmail(Recipients.address(e, "argument 'emails'").getAddress());
            }
        }
        if (args.containsKey("phones")) {
            card.removeProperties(Telephone.class);
            for (String p : Args.strings(args, "phones")) {
                if (p.chars().filter(Character::isDigit).count() < 3) {
                    throw new IllegalArgumentException("argument 'phones': '" + p + "' is not a phone number");
                }
                card.addTelephoneNumber(p.strip());
            }
        }
        String org = Args.string(args, "organisation", null);
        if (org != null) {
            card.setOrganization(org.isBlank() ? null : new Organization());
            if (!org.isBlank()) {
                card.getOrganization().getValues().add(org.strip());
            }
        }
        String note = Args.string(args, "note", null);
        if (note != null) {
            card.removeProperties(Note.class);
            if (!note.isBlank()) {
                card.addNote(note.strip());
            }
        }
    }

    private static boolean matches(VCard card, List<String> words) {
        StringBuilder text = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        FormattedName fn = card.getFormattedName();
        if (fn != null) {
            text.append(fn.getValue()).append(' ');
        }
        StructuredName n = card.getStructuredName();
        if (n != null) {
            text.append(n.getGiven()).append(' ').append(n.getFamily()).append(' ');
        }
        card.getEmails().forEach(e -> text.append(e.getValue()).append(' '));
        card.getOrganizations().forEach(o -> text.append(String.join(" ", o.getValues())).append(' '));
        for (Telephone t : card.getTelephoneNumbers()) {
            String number = phone(t);
            text.append(number).append(' ');
            digits.append(number.replaceAll("\\D", "")).append(' ');
        }
        String haystack = text.toString().toLowerCase(Locale.ROOT);
        for (String word : words) {
            String wordDigits = word.replaceAll("\\D", "");
            boolean phoneLike = wordDigits.length() >= 3 && wordDigits.length() * 2 >= word.length();
            if (!haystack.contains(word) && !(phoneLike && digits.toString().contains(wordDigits))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> row(VCard card) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uid", uidOf(card));
        FormattedName fn = card.getFormattedName();
        row.put("name", fn == null ? "" : ToolHandlers.cut(fn.getValue(), 200));
        List<String> emails = card.getEmails().stream().map(Email::getValue).toList();
        if (!emails.isEmpty()) {
            row.put("emails", emails);
        }
        List<String> phones = card.getTelephoneNumbers().stream().map(ContactTools::phone).toList();
        if (!phones.isEmpty()) {
            row.put("phones", phones);
        }
        if (card.getOrganization() != null && !card.getOrganization().getValues().isEmpty()) {
            row.put("organisation", String.join(", ", card.getOrganization().getValues()));
        }
        if (!card.getNotes().isEmpty()) {
            row.put("note", ToolHandlers.cut(card.getNotes().get(0).getValue(), 1_000));
        }
        return row;
    }

    private static String phone(Telephone t) {
        return t.getText() != null ? t.getText() : t.getUri() == null ? "" : t.getUri().getNumber();
    }

    private static @Nullable String uidOf(VCard card) {
        return card.getUid() == null ? null : card.getUid().getValue();
    }

    private Path path(Map<String, Object> args, Access access) {
        String file = Args.string(args, "file", null);
        return roots.resolve(file == null || file.isBlank() ? addressBook : file, access);
    }

    private List<VCard> load(Path path, boolean missingIsEmpty) throws IOException {
        String shown = roots.display(path);
        if (!Files.exists(path)) {
            if (missingIsEmpty) {
                return new ArrayList<>();
            }
            throw new IllegalArgumentException("no address book file '" + shown + "'");
        }
        String text = new String(AtomicFiles.read(path, shown), StandardCharsets.UTF_8);
        try (VCardReader reader = new VCardReader(text)) {
            return new ArrayList<>(reader.readAll());
        }
    }

    private static void save(Path path, List<VCard> cards) throws IOException {
        StringWriter text = new StringWriter();
        try (VCardWriter writer = new VCardWriter(text, VCardVersion.V3_0)) {
            writer.setAddProdId(false);
            for (VCard card : cards) {
                // each card keeps its own version
                writer.setTargetVersion(card.getVersion() == null ? VCardVersion.V3_0 : card.getVersion());
                writer.write(card);
            }
        }
        AtomicFiles.write(path, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
