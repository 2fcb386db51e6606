package dev.aios.samples.briefing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signs that a mail is phishing or spoofed, each in words the user can check: a display name of
 * someone the user knows (or of the user's own organisation) on an address that is not theirs,
 * a link whose text names one site while it goes to another, a link to a bare IP address or a
 * look-alike of a known domain, a host that puts one site's name in front of another's, a sender
 * domain that respells a known one or is one letter off it, a government's name or a country's
 * suffix on someone else's domain, a failed sender check in Authentication-Results, a Reply-To on
 * another domain or on free mail, and a request for credentials, payment details or secrecy (a
 * boss's impostor "at a meeting, can't talk"). Each sign alone has
 * innocent causes (people use private addresses, newsletters track links), so a mail is
 * suspicious only when signs come together: a credential or payment request with any other
 * sign, or two other signs. Two weaker signs count only beside such a request: a free-mail
 * sender, and a first mail from a domain the user has never had mail from nor written to. A
 * suspicious mail never goes to "needs you".
 */
final class Suspicion {
    private static final Pattern CREDENTIALS = Pattern.compile(
            "\\b(verify|confirm|validate|update|re-?enter|unlock|reactivate|restore)\\s+(your\\s+)?(account|identity|password"
                    + "|login|log-in|sign-in|credentials|mailbox|details|information|payment (details|information|method)"
                    + "|bank(ing)? details|billing (details|information)|card)\\b"
                    + "|\\b(your (account|mailbox|password) (will be|has been|is) (suspended|locked|disabled|closed|deactivated|expir\\w*|on hold))"
                    + "|\\b(unusual|suspicious) (sign-?in|login|activity)\\b"
                    + "|\\bgift cards?\\b|\\b(new|updated|changed?) (bank|account|payment) details\\b|\\bwire (transfer|the payment)\\b"
                    + "|\\bchange (of|to) (our |my )?(bank|account|payment|remittance) details\\b"
                    + "|\\b(sign|log) ?in with your [\\w\\s]{0,30}(password|credentials)\\b"
                    + "|\\b(sign|log) ?in with your (email|e-mail|work|microsoft|office 365|o365|company) (account|address)\\b"
                    + "|\\benter your (password|credentials|login details|pin)\\b"
                    + "|\\b(unpaid|overdue|outstanding) (invoice|payment|balance)s?\\b"
                    + "|\\b(verify|confirm|update|validate) (your |the )?(bank account|direct deposit|payroll|salary account)\\b"
                    + "|\\b(direct deposit|bank account|payroll) (verification|update|change)\\b"
                    + "|\\b(updated|new|changed?) remittance details\\b|\\bchange (of|to|in) (our |my )?bank account\\b"
                    + "|\\b(password|mailbox|account) (for \\S+ )?(expires|will expire|has expired|is expiring)\\b"
                    // How a boss's impostor opens: out of reach, in a hurry, and secret.
                    + "|\\bkeep (it|this) (between us|confidential|to yourself)\\b|\\bcan(not|'t| not) (talk|take (any )?calls)\\b"
                    + "|\\bare you (at your desk|in the (office|building))\\b",
            Pattern.CASE_INSENSITIVE);
    /** A brand joined to an official-sounding word to make a domain: lloyds-securemail.co, sharepoint-login.help. */
    private static final Pattern MADE_UP_HOST = Pattern.compile(
            "(^|\\.)[a-z0-9]+-(secure|securemail|login|signin|verify|verification|account|accounts|payments?|billing|support"
                    + "|alert|alerts|update|helpdesk|mailadmin|security|docs|documents?|share|sharing|files|drive|portal|voice"
                    + "|voicemail|efiling|refunds?|notice|parcel|delivery)([-.]|$)");
    /** A government's name on a domain no government holds (gstn-gov.in.net), or a country's suffix in front of another. */
    private static final Pattern FAKE_OFFICIAL = Pattern.compile(
            "((^|[.-])gov[.-](?!.*\\.gov(\\.[a-z]{2})?$)(?!([a-z]{2})$).*|\\.(in|uk|us|au|de|nl|fr|ca|gov)\\.(net|com|org|info|co)$)");
    /** Titles and the "via a service" tail a display name may carry around a person's name. */
    private static final Pattern NAME_DECORATION = Pattern.compile(
            "^((dr|prof|mr|mrs|ms|mx|sir|dame)\\.?\\s+)+|\\s*[(\\[]?\\s*via\\s+.*$|[\",']");
    /** A host that names one site and then goes on to another: northbank.com.secure-view.co, labsupply.net.docs.io. */
    private static final Pattern DOMAIN_IN_FRONT = Pattern.compile(
            "(^|\\.)[a-z0-9-]{3,}\\.(com|net|org|gov|edu|co|nl|de|be|fr|uk|eu|io|info|biz|in)\\.(?!(uk|au|in|nz|za|jp|br)$)[a-z0-9-]+\\.[a-z]{2,}$");
    private static final Pattern IP_HOST = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DOMAIN_IN_TEXT = Pattern.compile("\\b([a-z0-9-]+\\.)+[a-z]{2,}\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "yahoo.com", "icloud.com", "proton.me", "protonmail.com", "gmx.com", "aol.com", "live.com", "mail.com");

    /** The people the user corresponds with, by their name alone (no title, no "via"), to their addresses. */
    private final Map<String, Set<String>> knownPeople;
    private final Set<String> knownDomains;
    private final Set<String> ownDomains;
    private final Map<String, Integer> mailsByDomain;

    /**
     * @param knownPeople people the user corresponds with: lower-case full name to their addresses (lower case)
     * @param knownDomains domains the user corresponds with, own domains included (lower case)
     * @param ownDomains the user's own domains (lower case)
     * @param mailsByDomain how many received mails came from each sender domain (lower case): a
     *     domain that sends more mail than a look-alike of it is the original
     */
    Suspicion(Map<String, Set<String>> knownPeople, Set<String> knownDomains, Set<String> ownDomains,
            Map<String, Integer> mailsByDomain) {
        Map<String, Set<String>> people = new java.util.HashMap<>();
        knownPeople.forEach((name, addresses) -> people.computeIfAbsent(person(name), k -> new java.util.HashSet<>()).addAll(addresses));
        people.remove("");
        people.replaceAll((person, addresses) -> Set.copyOf(addresses));
        this.knownPeople = Map.copyOf(people);
        this.knownDomains = Set.copyOf(knownDomains);
        this.ownDomains = Set.copyOf(ownDomains);
        this.mailsByDomain = Map.copyOf(mailsByDomain);
    }

    /** @return the signs found, in words; empty when there are none */
    List<String> signs(MailItem mail) {
        List<String> signs = new ArrayList<>();
        String address = mail.fromAddress().toLowerCase(Locale.ROOT);
        String domain = MailAddress.domain(address);
        String name = mail.fromName().toLowerCase(Locale.ROOT).strip();
        // A display name that is someone the user knows (titles and "via SharePoint" aside), on an address that is not theirs.
        Set<String> theirs = knownPeople.get(person(name));
        if (theirs != null && !theirs.contains(address) && theirs.stream().noneMatch(a -> MailAddress.domain(a).equals(domain))) {
            signs.add("the name " + mail.fromName() + " is on " + address + ", not on their usual address");
        }
        // A display name carrying an address, or the user's organisation, that the sender is not.
        var inName = DOMAIN_IN_TEXT.matcher(name);
        while (inName.find()) {
            String d = inName.group().toLowerCase(Locale.ROOT);
            if (!d.equals(domain) && !domain.endsWith("." + d) && d.contains(".") && !d.matches("\\d+(\\.\\d+)*")) {
                signs.add("the display name shows " + d + " but the mail comes from " + domain);
                break;
            }
        }
        for (String own : ownDomains) {
            String org = MailAddress.organisationName(own);
            if (org.length() >= 4 && name.contains(org) && !domain.equals(own) && !domain.endsWith("." + own)) {
                signs.add("the display name says " + org + " but the mail comes from " + domain);
                break;
            }
        }
        if (!knownDomains.contains(domain) && !FREE_MAIL.contains(domain)) {
            signs.addAll(lookAlikes(domain));
            if (FAKE_OFFICIAL.matcher(domain).find()) {
                signs.add("the sender's domain " + domain + " looks official but is not a government's or a country's own");
            }
            if (MADE_UP_HOST.matcher(domain).find()) {
                signs.add("the sender's domain " + domain + " joins a name to an official-sounding word");
            }
        }
        for (RawMail.Link link : mail.raw().links()) {
            if (IP_HOST.matcher(link.host()).matches()) {
                signs.add("a link goes to a bare IP address (" + link.host() + ")");
                break;
            }
            if (DOMAIN_IN_FRONT.matcher(link.host()).find()) {
                signs.add("a link goes to " + link.host() + ", which puts one site's name in front of another site");
                break;
            }
            var shown = DOMAIN_IN_TEXT.matcher(link.shown().toLowerCase(Locale.ROOT));
            if (shown.find()) {
                String named = shown.group().replaceFirst("^www\\.", "");
                if (!link.host().equals(named) && !link.host().endsWith("." + named) && !named.endsWith("." + link.host())) {
                    signs.add("a link shows " + named + " but goes to " + link.host());
                    break;
                }
            }
        }
        String auth = mail.raw().authentication();
        if (auth.contains("spf=fail") || auth.contains("dkim=fail") || auth.contains("dmarc=fail") || auth.contains("spf=softfail")) {
            signs.add("the receiving server's sender check failed (" + firstFail(auth) + ")");
        }
        String replyTo = mail.raw().replyTo();
        String replyDomain = MailAddress.domain(replyTo);
        // A free-mail domain is "known" as soon as one correspondent uses it, so it never vouches for a Reply-To.
        if (!replyTo.isEmpty() && !replyDomain.equals(domain) && (!knownDomains.contains(replyDomain) || FREE_MAIL.contains(replyDomain))
                && !mail.raw().bulk()) {
            signs.add("replies would go to " + replyTo + ", another domain than the sender's");
        }
        return signs;
    }

    /**
     * @return how an unknown sender domain passes for one the user knows or gets mail from: it
     *     contains that organisation's name (lumen-dev-secure.com; a supplier's .nl imitated on
     *     .com, where the domain with more mail is the original), is one letter off it
     *     (legacyyearbook.com for legacyyearbooks.com), or spells a known one with other dots or
     *     dashes (wexlerfalls-k12-oh.us)
     */
    private List<String> lookAlikes(String domain) {
        List<String> out = new ArrayList<>();
        int mails = mailsByDomain.getOrDefault(domain, 0);
        String org = MailAddress.organisationName(domain);
        String letters = domain.replaceAll("[^a-z0-9]", "");
        List<String> others = java.util.stream.Stream.concat(knownDomains.stream(), mailsByDomain.keySet().stream())
                .filter(d -> !d.equals(domain) && !FREE_MAIL.contains(d)).distinct().sorted().toList();
        others.stream()
                .filter(d -> knownDomains.contains(d) || mailsByDomain.get(d) > mails)
                .filter(d -> !domain.endsWith("." + d) && MailAddress.organisationName(d).length() >= 4
                        && domain.contains(MailAddress.organisationName(d)))
                .findFirst().ifPresent(d -> out.add("the sender's domain " + domain + " imitates " + d));
        if (org.length() >= 8) {
            others.stream().filter(d -> oneEditApart(org, MailAddress.organisationName(d))).findFirst()
                    .ifPresent(d -> out.add("the sender's domain " + domain + " is one letter away from " + d));
        }
        others.stream().filter(d -> knownDomains.contains(d) && d.replaceAll("[^a-z0-9]", "").equals(letters)).findFirst()
                .ifPresent(d -> out.add("the sender's domain " + domain + " spells " + d + " with other dots or dashes"));
        return out;
    }

    /**
     * @return the reasons the mail is suspicious (its signs, the request first), or empty when it
     *     is not: a credential or payment request with one other sign, or two other signs
     */
    List<String> suspicious(MailItem mail) {
        List<String> signs = signs(mail);
        var request = CREDENTIALS.matcher(mail.content().replaceAll("\\s+", " "));
        java.util.Set<String> asked = new java.util.LinkedHashSet<>();
        while (request.find() && asked.size() < 3) {
            asked.add(request.group().strip());
        }
        boolean asks = !asked.isEmpty();
        // Weak signs: innocent on their own and together, telling only beside a request for credentials or money.
        List<String> weak = new ArrayList<>();
        String domain = MailAddress.domain(mail.fromAddress().toLowerCase(Locale.ROOT));
        if (FREE_MAIL.contains(domain)) {
            weak.add("it comes from a free-mail address (" + domain + ")");
        } else if (!knownDomains.contains(domain) && mailsByDomain.getOrDefault(domain, 0) <= 1) {
            weak.add("it is the first mail from " + domain);
        }
        if (signs.size() >= 2 || asks && (!signs.isEmpty() || !weak.isEmpty())) {
            List<String> out = new ArrayList<>();
            if (asks) {
                out.add("it asks to '" + String.join("', '", asked) + "'");
                out.addAll(weak);
            }
            out.addAll(signs);
            return out;
        }
        return List.of();
    }

    /** @return whether one letter added, removed or changed turns {@code a} into {@code b} (and they differ) */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int j = 0;
        while (j < Math.min(a.length(), b.length()) - i && a.charAt(a.length() - 1 - j) == b.charAt(b.length() - 1 - j)) {
            j++;
        }
        return Math.max(a.length(), b.length()) - i - j == 1;
    }

    /** @return a display name as the person's name alone: no title, no "via a service", no quotes */
    private static String person(String name) {
        return NAME_DECORATION.matcher(name).replaceAll("").replaceAll("\\s+", " ").strip();
    }

    private static String firstFail(String auth) {
        var m = Pattern.compile("(spf|dkim|dmarc)=(soft)?fail").matcher(auth);
        return m.find() ? m.group() : "fail";
    }
}
