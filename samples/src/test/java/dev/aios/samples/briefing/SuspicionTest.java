package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phishing and spoofing signs, each alone innocent, together suspicious; read from the real message file. */
class SuspicionTest {
    private final Suspicion suspicion = new Suspicion(
            Map.of("priya shah", Set.of("priya.shah@harbourvets.co.uk")),
            Set.of("harbourvets.co.uk", "northbank.com", "supplies.example", "outlook.com", "wexford.k12.oh.us"),
            Set.of("harbourvets.co.uk"), Map.of("vetsupply.ie", 4, "vetsupply.com", 1));

    @TempDir
    Path dir;

    private static MailItem mail(String name, String address, String subject, String body, RawMail raw) {
        return new MailItem("mail:x", "x@test", name, address, "me@harbourvets.co.uk", "", subject, body, Instant.EPOCH, "x",
                "", "inbox", raw);
    }

    @Test
    void aKnownNameOnAStrangeAddressAskingForPaymentDetailsIsSuspicious() {
        MailItem m = mail("Priya Shah", "priya.shah.ceo@gmail.com", "Quick favour",
                "Are you at your desk? I need you to buy gift cards for a client today, keep it between us.", RawMail.NONE);

        List<String> why = suspicion.suspicious(m);

        assertThat(why).anyMatch(w -> w.contains("gift card")).anyMatch(w -> w.contains("not on their usual address"));
    }

    @Test
    void aLinkThatShowsOneSiteAndGoesToAnotherWithACredentialRequestIsSuspicious() throws Exception {
        Path file = dir.resolve("phish.eml");
        Files.writeString(file, """
                From: Northbank Security <security@northbank-alerts.net>
                To: me@harbourvets.co.uk
                Subject: Action required: verify your account
                Reply-To: help@secure-mailbox.ru
                Authentication-Results: mx.harbourvets.co.uk; spf=fail smtp.mailfrom=northbank-alerts.net
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                <p>We noticed unusual sign-in activity. Please <a href="http://185.22.10.4/login">verify your account</a>
                at <a href="https://northbank-login.example.ru/x">www.northbank.com</a> within 24 hours.</p>
                """);
        RawMail raw = RawMail.read(file.toString());
        MailItem m = mail("Northbank Security", "security@northbank-alerts.net", "Action required: verify your account",
                "We noticed unusual sign-in activity. Please verify your account at www.northbank.com within 24 hours.", raw);

        List<String> why = suspicion.suspicious(m);

        assertThat(raw.links()).extracting(RawMail.Link::host).containsExactly("185.22.10.4", "northbank-login.example.ru");
        assertThat(why).anyMatch(w -> w.contains("verify your account"))
                .anyMatch(w -> w.contains("bare IP address"))
                .anyMatch(w -> w.contains("sender check failed"))
                .anyMatch(w -> w.contains("imitates northbank.com"));
    }

    @Test
    void aMadeUpOfficialDomainAskingToSignInIsSuspicious() {
        MailItem m = mail("Docusign", "dse@docusign-securemail.net", "Completed: please review",
                "All parties have completed the document. Sign in with your email account to view it.", RawMail.NONE);
        MailItem bank = mail("Pennine Ready-Mix Accounts", "accounts@penninereadymix-payments.co.uk",
                "IMPORTANT: change of bank details", "Our bank account details have changed with immediate effect.", RawMail.NONE);

        assertThat(suspicion.suspicious(m)).anyMatch(w -> w.contains("official-sounding"))
                .anyMatch(w -> w.contains("Sign in with your email account"));
        assertThat(suspicion.suspicious(bank)).anyMatch(w -> w.contains("change of bank details"));
    }

    @Test
    void ordinaryMailIsNotSuspicious() {
        MailItem colleague = mail("Priya Shah", "priya.shah@harbourvets.co.uk", "Rota",
                "Could you update your details on the rota sheet? https://harbourvets.co.uk/rota", RawMail.NONE);
        MailItem supplier = mail("Orders", "orders@supplies.example", "Your order has shipped",
                "Track it at https://tracking.carrier.example/123", RawMail.NONE);
        MailItem newsletter = mail("Vet Times", "news@vettimes.example", "URGENT: last chance to renew",
                "Final notice: your subscription deadline is Friday.",
                new RawMail(true, "", "", List.of(new RawMail.Link("Renew now", "click.mailer.example"))));

        assertThat(suspicion.suspicious(colleague)).isEmpty();
        assertThat(suspicion.suspicious(supplier)).isEmpty();
        assertThat(suspicion.suspicious(newsletter)).isEmpty();
    }

    @Test
    void oneSignAloneIsShownButNotEnough() {
        // A friend writing from a private address: a sign, but no request and nothing else.
        MailItem m = mail("Priya Shah", "priya.s@outlook.com", "Lunch?", "Fancy lunch on Friday?", RawMail.NONE);

        assertThat(suspicion.signs(m)).hasSize(1);
        assertThat(suspicion.suspicious(m)).isEmpty();
    }

    @Test
    void aLookAlikeOfASupplierTheUserGetsMoreMailFromAskingForPaymentIsSuspicious() {
        MailItem fake = mail("Accounts VetSupply", "accounts@vetsupply.com", "Change of bank details",
                "Please pay the open invoices to our new account from today.", RawMail.NONE);
        MailItem real = mail("VetSupply Orders", "orders@vetsupply.ie", "Order confirmation 4471",
                "Thank you for your order; it ships on Monday.", RawMail.NONE);

        assertThat(suspicion.suspicious(fake)).anyMatch(w -> w.contains("Change of bank details"))
                .anyMatch(w -> w.contains("vetsupply.com imitates vetsupply.ie"));
        // The domain with more mail is the original: the real supplier is never the look-alike of its imitator.
        assertThat(suspicion.signs(real)).isEmpty();
    }

    @Test
    void aLinkToOneSiteNamedInFrontOfAnotherWithAnUnpaidInvoiceIsSuspicious() {
        MailItem m = mail("LabSupply Accounts", "invoice@labsupply.example", "Final reminder",
                "Invoice 2291 is still unpaid. If the overdue invoice is not paid within 48 hours it goes to collection.",
                new RawMail(false, "", "", List.of(new RawMail.Link("open the invoice", "labsupply.net.docview.co"))));
        MailItem britishSite = mail("Northbank", "news@northbank.com", "Rates",
                "Our rates change in April.", new RawMail(true, "", "", List.of(new RawMail.Link("rates", "www.northbank.co.uk"))));

        assertThat(suspicion.suspicious(m)).anyMatch(w -> w.contains("overdue invoice"))
                .anyMatch(w -> w.contains("labsupply.net.docview.co, which puts one site's name in front of another"));
        assertThat(suspicion.signs(britishSite)).isEmpty();
    }

    @Test
    void aKnownNameWithATitleOrViaAServiceIsStillThatPerson() {
        MailItem boss = mail("Dr. Priya Shah", "drpriya.shah@gmail.com", "Are you in the building?",
                "I'm in a meeting and can't talk. I need you to take care of something quickly, keep it between us.", RawMail.NONE);
        MailItem share = mail("Priya Shah (via SharePoint)", "no-reply@sharepointonline-docs.com", "Priya Shah shared a file",
                "Open the salary schedule.", RawMail.NONE);

        assertThat(suspicion.suspicious(boss)).anyMatch(w -> w.contains("keep it between us"))
                .anyMatch(w -> w.contains("not on their usual address")).anyMatch(w -> w.contains("free-mail address"));
        assertThat(suspicion.suspicious(share)).anyMatch(w -> w.contains("not on their usual address"))
                .anyMatch(w -> w.contains("official-sounding word"));
    }

    @Test
    void aDomainSpelledAsAKnownOneWithOtherDotsOrOneLetterOffIsASign() {
        MailItem payroll = mail("Payroll", "payroll@wexford-k12-oh.us", "Direct deposit verification required",
                "Verify your bank account before the next pay date.", RawMail.NONE);
        MailItem supplier = mail("Accounts", "ar@supplles.example", "Invoice", "Your invoice is attached.", RawMail.NONE);

        assertThat(suspicion.suspicious(payroll)).anyMatch(w -> w.contains("spells wexford.k12.oh.us with other dots or dashes"));
        assertThat(suspicion.signs(supplier)).containsExactly("the sender's domain supplles.example is one letter away from supplies.example");
        assertThat(Suspicion.oneEditApart("legacyyearbook", "legacyyearbooks")).isTrue();
        assertThat(Suspicion.oneEditApart("northbank", "southbank")).isFalse();
    }

    @Test
    void aGovernmentOrCountrySuffixOnSomeoneElsesDomainIsASign() {
        MailItem tax = mail("GST Network", "noreply@gstn-gov.in.net", "Show cause notice",
                "Reply within 7 days.", RawMail.NONE);
        MailItem realTax = mail("HMRC", "noreply@tax.service.gov.uk", "Your tax return", "Your return is due.", RawMail.NONE);

        assertThat(suspicion.signs(tax)).anyMatch(w -> w.contains("looks official"));
        assertThat(suspicion.signs(realTax)).isEmpty();
    }

    @Test
    void aFirstMailFromAStrangerCountsOnlyBesideARequestForMoneyOrCredentials() {
        MailItem change = mail("Ferro Tooling", "accounts@ferro-tooling.example", "Change of bank account",
                "Please pay the outstanding invoices to our new account.", RawMail.NONE);
        MailItem hello = mail("Ferro Tooling", "sales@ferro-tooling.example", "Our new catalogue", "Spring prices inside.",
                RawMail.NONE);
        MailItem replyToFreeMail = mail("Legacy AR", "ar@legacy.example", "Invoice 40-1", "Balance due, see the attachment.",
                new RawMail(false, "sharon.ar@outlook.com", "", List.of()));

        assertThat(suspicion.suspicious(change)).anyMatch(w -> w.contains("first mail from ferro-tooling.example"));
        assertThat(suspicion.suspicious(hello)).isEmpty();
        assertThat(suspicion.signs(replyToFreeMail)).anyMatch(w -> w.contains("replies would go to sharon.ar@outlook.com"));
    }
}
