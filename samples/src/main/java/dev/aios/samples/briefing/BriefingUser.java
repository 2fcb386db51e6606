package dev.aios.samples.briefing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The person a briefing is for: the name their replies are signed with and every address they
 * send from (a main address and its aliases). The briefing tells the user's own mail from
 * everyone else's by these addresses, so mail sent from an alias still counts as the user's.
 *
 * @param name the user's name, such as {@code Ola Berg}
 * @param addresses the user's addresses, at least one (copied; compared case-insensitively)
 */
public record BriefingUser(String name, List<String> addresses) {
    // Deliberately loose: one '@', a dot in the domain, no spaces or angle brackets. Mail servers
    // accept far more; this only catches a name or a typo put where an address belongs.
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>,]+@[^@\\s<>,]+\\.[^@\\s<>,.]+");

    /** Validates and copies. */
    public BriefingUser {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the briefing user needs a name (used to sign drafts), was '" + name + "'");
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("the briefing user " + name + " needs at least one mail address");
        }
        for (String a : addresses) {
            if (a == null || !ADDRESS.matcher(a.strip()).matches()) {
                throw new IllegalArgumentException("'" + a + "' is not a mail address (the briefing user " + name
                        + "); write it as name@example.com");
            }
        }
        name = name.strip();
        addresses = addresses.stream().map(String::strip).toList();
    }

    /** @return a user with {@code name} and {@code addresses} */
    public static BriefingUser of(String name, String... addresses) {
        return new BriefingUser(name, List.of(addresses));
    }

    /**
     * @param address an address, bare ({@code a@b.c}) or as a mail header writes it
     *     ({@code Name <a@b.c>})
     * @return whether it is one of the user's addresses, ignoring case
     */
    public boolean isUser(String address) {
        if (address == null) {
            return false;
        }
        String bare = bare(address);
        return addresses.stream().anyMatch(a -> a.equalsIgnoreCase(bare));
    }

    /** @return the domains of the user's addresses, lower case (for "a colleague writes") */
    public Set<String> domains() {
        Set<String> out = new LinkedHashSet<>();
        for (String a : addresses) {
            out.add(MailAddress.domain(a));
        }
        return Set.copyOf(out);
    }

    /** @return the address in {@code Name <a@b.c>} or {@code a@b.c}, lower case and stripped */
    static String bare(String address) {
        int lt = address.indexOf('<');
        int gt = address.indexOf('>', Math.max(lt, 0));
        String a = lt >= 0 && gt > lt ? address.substring(lt + 1, gt) : address;
        return a.strip().toLowerCase(Locale.ROOT);
    }
}
