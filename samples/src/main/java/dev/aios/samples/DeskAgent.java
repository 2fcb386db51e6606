package dev.aios.samples;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Brain;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FlowPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The desk agent: prepares the user's day over a {@link SampleWorld} with the {@link DeskTools}
 * and the {@link RuleBrain}, printing every stage of the loop as it goes. Sending mail is
 * destructive, so the gate asks a human: at an interactive console the user answers; otherwise
 * the request is denied, and the agent reflects and replans (a draft instead of a sent mail).
 */
public final class DeskAgent {
    private final SampleWorld world;
    private final boolean interactive;
    private final PrintStream out;

    /**
     * @param world the world to work on
     * @param interactive whether to ask the user at the console for approvals
     * @param out where progress and the briefing are printed
     */
    public DeskAgent(SampleWorld world, boolean interactive, PrintStream out) {
        this.world = world;
        this.interactive = interactive;
        this.out = out;
    }

    /** Runs {@code goal} and returns its outcome. */
    public RunOutcome run(String goal) {
        Agent[] agent = new Agent[1];
        agent[0] = Agent.builder()
                .brain(Brain.local("rule-brain", new RuleBrain()))
                .tools(DeskTools.over(world))
                // Notes and tasks are the user's own files; meetings come from invites, which strangers send. The
                // briefing and drafts are files the user reads before anything happens.
                .flowPolicy(FlowPolicy.builder().trustOutputOf("notes.search").trustOutputOf("tasks.open")
                        .reviewedByUser("briefing.write").reviewedByUser("mail.draft").build())
                .approvalTimeout(Duration.ofMinutes(interactive ? 5 : 1))
                .listener(this::print)
                .listener(approver(() -> agent[0]))
                .build();
        return agent[0].run(Goal.of(goal));
    }

    private AgentListener approver(java.util.function.Supplier<Agent> agent) {
        return event -> {
            if (event.type() != AgentEvent.Type.APPROVAL_REQUESTED) {
                return;
            }
            // answer on another thread: the step's thread is the one that waits for the answer
            Thread.ofVirtual().start(() -> {
                for (ApprovalRequest request : agent.get().approvals().pending()) {
                    if (interactive && ask(request)) {
                        agent.get().approvals().approve(request.id(), "approved at the console");
                    } else {
                        agent.get().approvals().deny(request.id(), interactive ? "refused at the console"
                                : "no one at a console to approve it (run with --interactive to decide)");
                    }
                }
            });
        };
    }

    private synchronized boolean ask(ApprovalRequest request) {
        out.printf("? approve %s %s [y/N] ", request.tool().name(), request.call().arguments());
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }

    private void print(AgentEvent e) {
        if (e.runId().contains("/")) {
            return; // sub-goal runs: the desk agent plans none
        }
        String step = e.stepId() == null ? "" : e.stepId() + ": ";
        switch (e.type()) {
            case PLAN_CREATED, REPLANNED -> out.println("[plan]    " + e.message());
            case PLAN_REJECTED -> out.println("[plan]    rejected " + e.message());
            case STEP_STARTED -> out.println("[act]     " + step + e.message());
            case STEP_SUCCEEDED -> out.println("[verify]  " + step + "ok (" + e.message() + ")");
            case STEP_REUSED -> out.println("[act]     " + step + "reused: " + e.message());
            case STEP_DENIED -> out.println("[gate]    " + step + "DENIED: " + e.message());
            case APPROVAL_REQUESTED -> out.println("[gate]    " + step + "asks a human: "
                    + e.message().replaceFirst("^approval \\S+: ", ""));
            case STEP_FAILED, VERIFICATION_FAILED -> out.println("[act]     " + step + "FAILED: " + e.message());
            case REFLECTED -> out.println("[reflect] " + e.message());
            case LEARNED -> out.println("[learn]   " + e.message());
            default -> { }
        }
    }
}
