package dev.aios.samples.briefing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What triage reads from a message's own file that the mail sensor's record does not keep: the
 * bulk-mail headers (List-Unsubscribe, Precedence), Reply-To, the receiving server's
 * Authentication-Results, and every link with the text shown for it (an HTML anchor's text can
 * name one site while its target is another). Read with Jakarta Mail, so encoded and multipart
 * messages read as the user's mail program shows them.
 *
 * @param bulk whether a bulk-mail header is present
 * @param replyTo the Reply-To address, lower case, or empty
 * @param authentication the Authentication-Results header, lower case, or empty
 * @param links the links in the body, in order (at most 50)
 */
record RawMail(boolean bulk, String replyTo, String authentication, List<Link> links) {
    /** Nothing read: the file is gone, or the record came from elsewhere. */
    static final RawMail NONE = new RawMail(false, "", "", List.of());

    private static final int MAX_LINKS = 50;
    private static final Pattern ANCHOR = Pattern.compile("<a\\s[^>]*href\\s*=\\s*[\"']([^\"']+)[\"'][^>]*>(.*?)</a>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Session SESSION;

    static {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.address.strict", "false");
        SESSION = Session.getInstance(properties);
    }

    /**
     * A link in a message.
     *
     * @param shown the text the reader sees for it (the URL itself in plain text)
     * @param host the host the link really goes to, lower case
     */
    record Link(String shown, String host) {}

    /** Copies. */
    RawMail {
        links = List.copyOf(links);
    }

    /** @return what {@code file} holds, or {@link #NONE} when it cannot be read (moved since, or not mail) */
    static RawMail read(String file) {
        if (file == null || file.isEmpty()) {
            return NONE;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            MimeMessage m = new MimeMessage(SESSION, in);
            boolean bulk = m.getHeader("List-Unsubscribe") != null || header(m, "Precedence").contains("bulk")
                    || header(m, "Precedence").contains("list");
            String replyTo = BriefingUser.bare(header(m, "Reply-To"));
            List<Link> links = new ArrayList<>();
            collect(m, links);
            return new RawMail(bulk, replyTo, header(m, "Authentication-Results"), links);
        } catch (IOException | MessagingException | RuntimeException e) {
            return NONE; // judged by what memory holds
        }
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String value = m.getHeader(name, ", ");
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static void collect(Part part, List<Link> links) throws MessagingException, IOException {
        if (links.size() >= MAX_LINKS) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (!Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
                    collect(child, links);
                }
            }
        } else if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
            Matcher a = ANCHOR.matcher(html);
            while (a.find() && links.size() < MAX_LINKS) {
                String shown = TAG.matcher(a.group(2)).replaceAll("").strip();
                add(links, shown, a.group(1));
            }
        } else if (part.isMimeType("text/plain") && part.getContent() instanceof String text) {
            Matcher u = URL.matcher(text);
            while (u.find() && links.size() < MAX_LINKS) {
                add(links, u.group(), u.group());
            }
        }
    }

    private static void add(List<Link> links, String shown, String href) {
        String host = host(href);
        if (!host.isEmpty()) {
            links.add(new Link(shown, host));
        }
    }

    /** @return the host of a URL, lower case, or empty when it has none */
    static String host(String url) {
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
