package dev.faultline.model;

import dev.faultline.history.Operation;
import java.util.Set;

/** A lock: {@code acquire} only when free, {@code release} only when held. State: held or not. */
public record MutexModel() implements Model<Boolean> {

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Set<String> functions() {
        return Set.of("acquire", "release");
    }

    @Override
    public Boolean init() {
        return false;
    }

    @Override
    public Boolean step(Boolean held, Operation op) {
        boolean acquire = op.f().equals("acquire");
        return acquire == held ? null : acquire;
    }

    @Override
    public String describeState(Boolean held) {
        return held ? "held" : "free";
    }
}
