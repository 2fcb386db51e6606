package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mail.send. A call with an idempotency key gets a Message-ID derived from the key, and the key
 * is recorded with the answer once the SMTP server took the mail; a call with a recorded key
 * sends nothing and answers the same. Should the process stop between the server taking the mail
 * and the record being written, a repeat sends the mail again but with the same Message-ID, which
 * mail clients show once.
 */
final class MailSending {
    private static final Logger LOG = LoggerFactory.getLogger(MailSending.class);
    private static final int MAX_RECIPIENTS = 50;
    private final MailSettings settings;
    private final Object sendLock = new Object();

    MailSending(MailSettings settings) {
        this.settings = settings;
    }

    ToolResult send(ToolCall call) throws Exception {
        Map<String, Object> args = call.arguments();
        String key = call.idempotencyKey();
        settings.requireSmtp();
        if (key == null) {
            return ToolResult.success(deliver(args, null));
        }
        // one keyed send at a time, so that two attempts of one call cannot both pass the check
        synchronized (sendLock) {
            Optional<String> earlier = settings.sentKeys().answer(key);
            if (earlier.isPresent()) {
                LOG.debug("mail.send: idempotency key already used, nothing sent again");
                return ToolResult.success(earlier.get());
            }
            String answer = deliver(args, messageId(key));
            settings.sentKeys().record(key, answer);
            return ToolResult.success(answer);
        }
    }

    private String deliver(Map<String, Object> args, @Nullable String messageId) throws MessagingException {
        MimeMessage message = compose(settings, args, messageId, true);
        MailConnection.send(settings, message);
        String id = message.getMessageID();
        LOG.debug("mail.send: sent message {} to {} recipients", id, message.getAllRecipients().length);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sent", true);
        out.put("messageId", id);
        out.put("to", Args.strings(args, "to"));
        List<String> cc = Args.strings(args, "cc");
        if (!cc.isEmpty()) {
            out.put("cc", cc);
        }
        out.put("subject", Args.text(args, "subject"));
        return Json.text(out);
    }

    /**
     * @param checkRecipients whether every recipient must be allowed (to send; a draft is not sent)
     * @return the message from the call's to, cc, subject and text
     */
    static MimeMessage compose(MailSettings settings, Map<String, Object> args, @Nullable String messageId,
            boolean checkRecipients) throws MessagingException {
        InternetAddress from = settings.requireFrom();
        List<InternetAddress> to = addresses(args, "to");
        List<InternetAddress> cc = addresses(args, "cc");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("argument 'to' must name at least one recipient");
        }
        if (to.size() + cc.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("at most " + MAX_RECIPIENTS + " recipients per mail, got "
                    + (to.size() + cc.size()));
        }
        if (checkRecipients) {
            to.forEach(settings.recipients()::check);
            cc.forEach(settings.recipients()::check);
        }
        MimeMessage message = new KeyedMessage(MailConnection.offline(), messageId);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
        }
        message.setSubject(Args.text(args, "subject"), "UTF-8");
        message.setText(Args.text(args, "text"), "UTF-8");
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    private static List<InternetAddress> addresses(Map<String, Object> args, String name) {
        List<InternetAddress> out = new ArrayList<>();
        for (String text : Args.strings(args, name)) {
            out.add(Recipients.address(text, "argument '" + name + "'"));
        }
        return out;
    }

    /** A Message-ID that depends only on the key, so every attempt of one call carries the same one. */
    private String messageId(String key) {
        String from = settings.requireFrom().getAddress();
        String domain = from.substring(from.lastIndexOf('@') + 1);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<aios." + HexFormat.of().formatHex(hash, 0, 16) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** A message whose Message-ID is fixed when one is given (Jakarta Mail makes a new one on every save). */
    private static final class KeyedMessage extends MimeMessage {
        private final @Nullable String id;

        KeyedMessage(Session session, @Nullable String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (id == null) {
                super.updateMessageID();
            } else {
                setHeader("Message-ID", id);
            }
        }
    }
}
