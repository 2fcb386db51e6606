package dev.aios.toolpacks.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses {@code mail.send} may write to (default deny): exact addresses, {@code *@domain}
 * for one domain, {@code *@*.domain} for a domain and its subdomains.
 */
public final class Recipients {
    private final List<String> exact;
    private final List<String> domains;
    private final List<String> subdomains;
    private final List<String> patterns;

    private Recipients(List<String> exact, List<String> domains, List<String> subdomains, List<String> patterns) {
        this.exact = List.copyOf(exact);
        this.domains = List.copyOf(domains);
        this.subdomains = List.copyOf(subdomains);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @throws IllegalArgumentException naming a pattern that is neither an address nor {@code *@domain}
     */
    public static Recipients of(List<String> patterns) {
        List<String> exact = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<String> subdomains = new ArrayList<>();
        for (String raw : patterns) {
            String p = raw.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("*@*.")) {
                String domain = p.substring(4);
                checkDomain(raw, domain);
                domains.add(domain);
                subdomains.add("." + domain);
            } else if (p.startsWith("*@")) {
                String domain = p.substring(2);
                checkDomain(raw, domain);
                domains.add(domain);
            } else {
                if (p.contains("*")) {
                    throw new IllegalArgumentException("recipient pattern '" + raw
                            + "' is not valid: use an address, *@domain or *@*.domain");
                }
                exact.add(address(p, "recipient pattern").getAddress().toLowerCase(Locale.ROOT));
            }
        }
        return new Recipients(exact, domains, subdomains, patterns);
    }

    private static void checkDomain(String pattern, String domain) {
        if (domain.isEmpty() || domain.contains("@") || domain.contains("*") || !domain.contains(".")) {
            throw new IllegalArgumentException("recipient pattern '" + pattern
                    + "' has no valid domain after the @ (such as *@example.com)");
        }
    }

    /**
     * @param what the argument or option, for the error
     * @return the parsed address
     * @throws IllegalArgumentException if {@code text} is not one plain mail address
     */
    public static InternetAddress address(String text, String what) {
        try {
            InternetAddress address = new InternetAddress(text.strip(), true);
            if (address.isGroup() || !address.getAddress().contains("@")) {
                throw new AddressException("not a single address");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a mail address (" + e.getMessage() + ")");
        }
    }

    /** @throws IllegalArgumentException naming {@code address} when it is not allowed */
    void check(InternetAddress address) {
        String a = address.getAddress().toLowerCase(Locale.ROOT);
        String domain = a.substring(a.lastIndexOf('@') + 1);
        if (exact.contains(a) || domains.contains(domain) || subdomains.stream().anyMatch(domain::endsWith)) {
            return;
        }
        throw new IllegalArgumentException("recipient " + a + " is not allowed: "
                + (patterns.isEmpty() ? "no recipients are allowed (configure MailPack.Builder.allowRecipients)"
                        : "allowed are " + String.join(", ", patterns)));
    }
}
