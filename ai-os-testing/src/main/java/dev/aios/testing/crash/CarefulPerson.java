package dev.aios.testing.crash;

import dev.aios.api.ApprovalQueue;
import dev.aios.api.ApprovalRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The person who answers a crash-test worker's approvals. After a kill, a resumed run asks before making
 * again a call that may or may not have happened; the careful person looks the call up in the
 * {@link EffectLedger}: it denies the call when the ledger shows its effect (it happened) and approves it
 * otherwise. Every answer taken is appended to an answers file ({@code approve|deny run step who}).
 *
 * <p>Meant for a worker process, on a thread of its own ({@link #start()}) until interrupted. Any other
 * approval is a failure of the test: it is printed ({@code UNEXPECTED_APPROVAL}) and left unanswered. An
 * exception from the queue is printed ({@code APPROVER}) and it goes on; the parent fails the test on either
 * line in the worker's output.
 */
public final class CarefulPerson implements Runnable {
    /** What the reason of an approval of a call left in doubt says. */
    public static final String IN_DOUBT = "may or may not have happened";

    private final ApprovalQueue approvals;
    private final EffectLedger ledger;
    private final Path answers;
    private final String who;
    private final Duration poll;

    /**
     * @param approvals the worker agent's queue
     * @param ledger the outside world's ledger
     * @param answers the file that the answers taken are appended to
     * @param who the worker's name, written with each answer
     * @param poll how long to wait between looks at the queue
     */
    public CarefulPerson(ApprovalQueue approvals, EffectLedger ledger, Path answers, String who, Duration poll) {
        this.approvals = approvals;
        this.ledger = ledger;
        this.answers = answers;
        this.who = who;
        this.poll = poll;
    }

    /** Starts answering on a daemon platform thread named {@code careful-person}; interrupt it to stop. */
    public Thread start() {
        return Thread.ofPlatform().daemon().name("careful-person").start(this);
    }

    /** Answers pending approvals until the thread is interrupted. */
    @Override
    public void run() {
        Set<String> answered = new HashSet<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (ApprovalRequest r : approvals.pending()) {
                    if (!answered.add(r.id())) {
                        continue; // answered already (a run resumed by the answer may list it until it parks it)
                    }
                    if (!r.reason().contains(IN_DOUBT)) {
                        System.out.println("UNEXPECTED_APPROVAL " + r.reason());
                        System.out.flush();
                        continue;
                    }
                    String step = r.call().id().substring(r.call().id().lastIndexOf('/') + 1);
                    boolean happened = ledger.has(r.runId(), step);
                    boolean taken = happened ? approvals.deny(r.id(), "the ledger shows it happened")
                            : approvals.approve(r.id(), "the ledger does not show it");
                    if (taken) {
                        CrashFiles.appendForced(answers, (happened ? "deny " : "approve ") + r.runId() + " " + step + " " + who);
                    } else {
                        answered.remove(r.id()); // its run was being claimed meanwhile (here or elsewhere): ask again
                    }
                }
                TimeUnit.NANOSECONDS.sleep(poll.toNanos());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("APPROVER " + e);
                System.out.flush();
            }
        }
    }
}
