package dev.aios.toolpacks.mail.internal;

import dev.aios.toolpacks.internal.ToolHandlers;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/** A message as the model reads it: a summary line, or its headers, plain text and attachment list. */
final class MailText {
    private static final int MAX_SUBJECT = 300;
    private static final int MAX_PARTS = 200;

    private MailText() {}

    /** @return uid, from, subject, date, unread, flagged of one message */
    static Map<String, Object> summary(long uid, Message m) throws MessagingException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uid", uid);
        out.put("from", addresses(m.getFrom()));
        out.put("subject", ToolHandlers.cut(decoded(m.getSubject()), MAX_SUBJECT));
        out.put("date", date(m));
        Flags flags = m.getFlags();
        out.put("unread", !flags.contains(Flags.Flag.SEEN));
        out.put("flagged", flags.contains(Flags.Flag.FLAGGED));
        return out;
    }

    /** @return the headers, attachments (name and size) and plain-text body of a message, bounded */
    static Map<String, Object> full(long uid, Message m, int maxBodyChars) throws MessagingException, IOException {
        Map<String, Object> out = summary(uid, m);
        out.put("to", addresses(m.getRecipients(Message.RecipientType.TO)));
        Address[] cc = m.getRecipients(Message.RecipientType.CC);
        if (cc != null && cc.length > 0) {
            out.put("cc", addresses(cc));
        }
        String[] id = m.getHeader("Message-ID");
        if (id != null && id.length > 0) {
            out.put("messageId", id[0]);
        }
        Body body = new Body();
        collect(m, body);
        if (!body.attachments.isEmpty()) {
            out.put("attachments", body.attachments);
        }
        String text = body.text().strip();
        if (text.length() > maxBodyChars) {
            text = text.substring(0, maxBodyChars) + "\n[cut: " + (text.length() - maxBodyChars)
                    + " more characters not shown]";
        }
        out.put("body", text);
        return out;
    }

    private static final class Body {
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<Map<String, Object>> attachments = new ArrayList<>();
        int parts;

        String text() {
            return !plain.isEmpty() ? plain.toString() : htmlToText(html.toString());
        }
    }

    private static void collect(Part part, Body body) throws MessagingException, IOException {
        if (++body.parts > MAX_PARTS) {
            return;
        }
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
        if (part.isMimeType("multipart/*")) {
            if (part.getContent() instanceof Multipart multi) {
                if (part.isMimeType("multipart/alternative")) {
                    collectAlternative(multi, body);
                    return;
                }
                for (int i = 0; i < multi.getCount(); i++) {
                    collect(multi.getBodyPart(i), body);
                }
            }
        } else if (attachment) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", fileName != null ? fileName : "(unnamed)");
            a.put("type", part.getContentType() == null ? "" : part.getContentType().split(";")[0].strip()
                    .toLowerCase(Locale.ROOT));
            int size = part.getSize();
            if (size >= 0) {
                a.put("bytes", size); // of the encoded part: about 4/3 of the file for base64
            }
            body.attachments.add(a);
        } else if (part.isMimeType("text/plain")) {
            body.plain.append(textOf(part)).append('\n');
        } else if (part.isMimeType("text/html")) {
            body.html.append(textOf(part)).append('\n');
        } else if (part.isMimeType("message/rfc822")) {
            body.plain.append("\n[forwarded message]\n");
            if (part.getContent() instanceof Part inner) {
                collect(inner, body);
            }
        }
    }

    /** Of the alternatives, the plain text when there is one, else the HTML (or whatever nests). */
    private static void collectAlternative(Multipart multi, Body body) throws MessagingException, IOException {
        for (int i = 0; i < multi.getCount(); i++) {
            if (multi.getBodyPart(i).isMimeType("text/plain")) {
                collect(multi.getBodyPart(i), body);
                return;
            }
        }
        for (int i = 0; i < multi.getCount(); i++) {
            collect(multi.getBodyPart(i), body);
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(4_000_000), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** HTML to readable text: line breaks where blocks end, no scripts or styles. */
    static String htmlToText(String html) {
        if (html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head").remove();
        for (Element br : doc.select("br")) {
            br.after(new TextNode("\n"));
        }
        for (Element block : doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, table")) {
            block.prependChild(new TextNode("\n"));
            block.appendChild(new TextNode("\n"));
        }
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            if (href.startsWith("http") && !a.text().strip().equals(href)) {
                a.appendChild(new TextNode(" <" + href + ">"));
            }
        }
        String text = doc.body() == null ? doc.wholeText() : doc.body().wholeText();
        return text.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("[ \\t]{2,}", " ")
                .replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static @Nullable String fileName(Part part) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
        return name == null ? null : decoded(name);
    }

    static String addresses(Address @Nullable [] addresses) {
        if (addresses == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(a instanceof InternetAddress ia ? ia.toUnicodeString() : a.toString());
        }
        return String.join(", ", out);
    }

    private static String date(Message m) throws MessagingException {
        Date d = m.getSentDate();
        if (d == null) {
            d = m.getReceivedDate();
        }
        return d == null ? "" : d.toInstant().toString();
    }

    private static String decoded(@Nullable String text) {
        if (text == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(text);
        } catch (java.io.UnsupportedEncodingException e) {
            return text;
        }
    }
}
