package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one RFC 822 message into an observation with Jakarta Mail (Eclipse Angus): headers,
 * thread, a plain-text body and the names of attachments.
 */
final class MailParser {
    /** Bodies beyond this many characters are cut: memory holds the gist, the file holds the rest. */
    static final int MAX_BODY = 20_000;

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern REPLY_PREFIX =
            Pattern.compile("^\\s*((re|fw|fwd|aw|wg|sv|vs|antw)(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Session SESSION;

    static {
        Properties properties = new Properties();
        // Real mailboxes hold addresses that break the strict RFC 822 grammar; read them anyway.
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        SESSION = Session.getInstance(properties);
    }

    private MailParser() {}

    /**
     * @param bytes the raw message
     * @param fallbackId the id to use when the message has no Message-ID
     * @param fallbackTime when the message has no (valid) Date header
     * @param origin where it came from, for the {@code file} attribute
     * @throws MalformedInputException if the bytes hold no mail headers at all
     */
    static Observation parse(byte[] bytes, String fallbackId, Instant fallbackTime, String origin)
            throws MessagingException, IOException, MalformedInputException {
        return parse(new ByteArrayInputStream(bytes), fallbackId, fallbackTime, origin);
    }

    static Observation parse(InputStream in, String fallbackId, Instant fallbackTime, String origin)
            throws MessagingException, IOException, MalformedInputException {
        MimeMessage message;
        try {
            message = new MimeMessage(SESSION, in);
        } catch (RuntimeException e) {
            // Jakarta Mail's header reader trips over some malformed headers (a continuation line before any
            // header throws IndexOutOfBoundsException): that is bad input, not a bug to crash on.
            throw new MalformedInputException("the mail headers cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String messageId = firstId(message.getHeader("Message-ID", null));
        String subject = decode(message.getSubject());
        Address[] from = message.getFrom();
        if (messageId == null && subject == null && from == null && message.getHeader("Date", null) == null) {
            throw new MalformedInputException("no mail headers (From, Date, Message-ID or Subject) found");
        }
        Instant sent = message.getSentDate() != null ? message.getSentDate().toInstant() : fallbackTime;
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "from", addresses(from));
        put(attributes, "fromAddress", from != null && from.length > 0 && from[0] instanceof InternetAddress a
                ? a.getAddress().toLowerCase(Locale.ROOT) : null);
        put(attributes, "to", addresses(message.getRecipients(Message.RecipientType.TO)));
        put(attributes, "cc", addresses(message.getRecipients(Message.RecipientType.CC)));
        put(attributes, "subject", subject);
        put(attributes, "date", sent.toString());
        put(attributes, "messageId", messageId);
        String topic = subject == null ? "" : REPLY_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        put(attributes, "thread", threadOf(message, messageId, topic));
        put(attributes, "topic", topic);
        put(attributes, "inReplyTo", firstId(message.getHeader("In-Reply-To", null)));

        Body body = new Body();
        collect(message, body);
        put(attributes, "attachments", body.attachments.isEmpty() ? null : String.join(", ", body.attachments));
        put(attributes, "file", origin);
        String text = body.text();
        if (text.length() > MAX_BODY) {
            text = text.substring(0, MAX_BODY) + "\n[...]";
        }
        StringBuilder out = new StringBuilder();
        if (subject != null) {
            out.append("Subject: ").append(subject).append('\n');
        }
        if (attributes.containsKey("from")) {
            out.append("From: ").append(attributes.get("from")).append('\n');
        }
        if (attributes.containsKey("to")) {
            out.append("To: ").append(attributes.get("to")).append('\n');
        }
        if (!body.attachments.isEmpty()) {
            out.append("Attachments: ").append(attributes.get("attachments")).append('\n');
        }
        out.append('\n').append(text);
        String id = "mail:" + (messageId != null ? messageId : fallbackId);
        return new Observation(id, "mail", "message", out.toString().strip(), sent, attributes);
    }

    private static String threadOf(MimeMessage message, @Nullable String messageId, String topic)
            throws MessagingException {
        // The first id in References is the thread's root; In-Reply-To names at least the parent.
        String root = firstId(message.getHeader("References", " "));
        if (root == null) {
            root = firstId(message.getHeader("In-Reply-To", null));
        }
        if (root == null) {
            root = messageId; // a thread's first message is its own root
        }
        return root != null ? root : "subject:" + topic;
    }

    private static void collect(Part part, Body body) throws MessagingException, IOException {
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
        if (attachment && !part.isMimeType("multipart/*")) {
            body.attachments.add(fileName != null ? fileName : "(unnamed " + baseType(part) + ")");
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content;
            try {
                content = part.getContent();
            } catch (RuntimeException e) {
                // Jakarta Mail parses parts lazily and trips over some malformed part headers: keep the rest of
                // the message, and say that a part could not be read.
                body.attachments.add("(a part that could not be read)");
                return;
            }
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    try {
                        collect(child, body);
                    } catch (RuntimeException e) { // as above, one unreadable part does not lose the others
                        body.attachments.add("(a part that could not be read)");
                    }
                }
            }
        } else if (part.isMimeType("text/plain")) {
            if (body.plain == null) {
                body.plain = textOf(part);
            }
        } else if (part.isMimeType("text/html")) {
            if (body.html == null) {
                body.html = textOf(part);
            }
        } else if (part.isMimeType("message/rfc822")) {
            body.attachments.add("(forwarded message)");
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        Object content;
        try {
            content = part.getContent();
        } catch (RuntimeException e) {
            // Jakarta Mail decodes lazily and throws unchecked on some malformed charsets: read the bytes as UTF-8
            content = null;
        }
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static @Nullable String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        return name == null || name.isBlank() ? null : decode(name);
    }

    private static String baseType(Part part) throws MessagingException {
        String type = part.getContentType();
        int semi = type == null ? -1 : type.indexOf(';');
        return type == null ? "part" : (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String addresses(Address @Nullable [] addresses) {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Address address : addresses) {
            out.add(address instanceof InternetAddress a ? a.toUnicodeString() : address.toString());
        }
        return String.join(", ", out);
    }

    static @Nullable String firstId(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher m = ANGLE_ID.matcher(header);
        if (m.find()) {
            return m.group(1);
        }
        String bare = header.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    private static @Nullable String decode(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    private static void put(Map<String, String> attributes, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value.strip());
        }
    }

    /** What a message says, gathered over its parts. */
    private static final class Body {
        @Nullable String plain;
        @Nullable String html;
        final List<String> attachments = new ArrayList<>();

        String text() {
            if (plain != null && !plain.isBlank()) {
                return plain.replace("\r\n", "\n").strip();
            }
            return html != null ? HtmlText.toPlain(html) : "";
        }
    }
}
