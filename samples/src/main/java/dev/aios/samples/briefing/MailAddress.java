package dev.aios.samples.briefing;

import java.util.Arrays;
import java.util.Locale;

/**
 * The parts of a mail address the briefing compares: the domain, the organisation behind it and
 * the display name of a header. One place, so triage, the phishing check and meeting briefs agree
 * on what "the same organisation" means.
 */
final class MailAddress {
    private MailAddress() {}

    /** @return the domain of {@code address} ({@code a@Mail.Example.com} → {@code mail.example.com}), lower case */
    static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * @return the organisation of a domain: its last two labels, three under a country's second
     *     level ({@code mail.acme-supplies.co.uk} → {@code acme-supplies.co.uk})
     */
    static String organisation(String domain) {
        String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.");
        int n = labels.length;
        if (n <= 2) {
            return String.join(".", labels);
        }
        boolean secondLevel = labels[n - 1].length() == 2 && labels[n - 2].length() <= 3;
        return String.join(".", Arrays.copyOfRange(labels, n - (secondLevel ? 3 : 2), n));
    }

    /** @return the organisation's name without its suffix ({@code mail.acme-supplies.co.uk} → {@code acme-supplies}) */
    static String organisationName(String domain) {
        return organisation(domain).split("\\.")[0];
    }

    /** @return the display name of {@code Name <a@b.c>} without quotes, or the whole text when it has no address part */
    static String displayName(String header) {
        int lt = header.indexOf('<');
        return (lt >= 0 ? header.substring(0, lt) : header).replace("\"", "").strip();
    }
}
