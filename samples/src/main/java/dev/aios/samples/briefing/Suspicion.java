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
 * look-alike of a known domain, a failed sender check in Authentication-Results, a Reply-To on
 * another domain, and a request for credentials or payment details. Each sign alone has
 * innocent causes (people use private addresses, newsletters track links), so a mail is
 * suspicious only when signs come together: a credential or payment request with any other
 * sign, or two other signs. A suspicious mail never goes to "needs you".
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
                    + "|\\b(unpaid|overdue|outstanding) (invoice|payment|balance)s?\\b",
            Pattern.CASE_INSENSITIVE);
    /** A brand joined to an official-sounding word to make a domain: lloyds-securemail.co, sharepoint-login.help. */
    private static final Pattern MADE_UP_HOST = Pattern.compile(
            "(^|\\.)[a-z0-9]+-(secure|securemail|login|signin|verify|verification|account|accounts|payments?|billing|support"
                    + "|alert|alerts|update|helpdesk|mailadmin|security)([-.]|$)");
    /** A host that names one site and then goes on to another: northbank.com.secure-view.co, labsupply.net.docs.io. */
    private static final Pattern DOMAIN_IN_FRONT = Pattern.compile(
            "(^|\\.)[a-z0-9-]{3,}\\.(com|net|org|gov|edu|co|nl|de|be|fr|uk|eu|io|info|biz|in)\\.(?!(uk|au|in|nz|za|jp|br)$)[a-z0-9-]+\\.[a-z]{2,}$");
    private static final Pattern IP_HOST = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DOMAIN_IN_TEXT = Pattern.compile("\\b([a-z0-9-]+\\.)+[a-z]{2,}\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "yahoo.com", "icloud.com", "proton.me", "protonmail.com", "gmx.com", "aol.com", "live.com", "mail.com");

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
        this.knownPeople = Map.copyOf(knownPeople);
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
        // A display name that is someone the user knows, on an address that is not theirs.
        Set<String> theirs = knownPeople.get(name);
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
        // A look-alike of a domain the user knows (lumen-dev-secure.com, lumen.dev.example.net), or of one the
        // user gets more mail from (a supplier's .nl imitated on .com to ask for payment).
        if (!knownDomains.contains(domain) && !FREE_MAIL.contains(domain)) {
            int mails = mailsByDomain.getOrDefault(domain, 0);
            String imitated = java.util.stream.Stream.concat(knownDomains.stream(),
                            mailsByDomain.entrySet().stream().filter(e -> e.getValue() > mails).map(Map.Entry::getKey))
                    .filter(d -> !d.equals(domain) && !domain.endsWith("." + d) && !FREE_MAIL.contains(d))
                    .filter(d -> MailAddress.organisationName(d).length() >= 4 && domain.contains(MailAddress.organisationName(d)))
                    .sorted().findFirst().orElse(null);
            if (imitated != null) {
                signs.add("the sender's domain " + domain + " imitates " + imitated);
            }
        }
        if (!knownDomains.contains(domain) && MADE_UP_HOST.matcher(domain).find()) {
            signs.add("the sender's domain " + domain + " joins a name to an official-sounding word");
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
        if (!replyTo.isEmpty() && !MailAddress.domain(replyTo).equals(domain) && !knownDomains.contains(MailAddress.domain(replyTo))
                && !mail.raw().bulk()) {
            signs.add("replies would go to " + replyTo + ", another domain than the sender's");
        }
        return signs;
    }

    /**
     * @return the reasons the mail is suspicious (its signs, the request first), or empty when it
     *     is not: a credential or payment request with one other sign, or two other signs
     */
    List<String> suspicious(MailItem mail) {
        List<String> signs = signs(mail);
        var request = CREDENTIALS.matcher(mail.content().replaceAll("\\s+", " "));
        boolean asks = request.find();
        if (signs.size() >= 2 || asks && !signs.isEmpty()) {
            List<String> out = new ArrayList<>();
            if (asks) {
                out.add("it asks to '" + request.group().strip() + "'");
            }
            out.addAll(signs);
            return out;
        }
        return List.of();
    }

    private static String firstFail(String auth) {
        var m = Pattern.compile("(spf|dkim|dmarc)=(soft)?fail").matcher(auth);
        return m.find() ? m.group() : "fail";
    }
}
