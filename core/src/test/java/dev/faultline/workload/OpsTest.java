package dev.faultline.workload;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsTest {

    private static List<Invocation> draw(Ops.Generator generator, long seed, int n) {
        Random random = new Random(seed);
        List<Invocation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(generator.next(random));
        }
        return ops;
    }

    @Test
    void oneSeedGivesTheSameOpsAndEveryWriteAFreshValue() {
        Ops.Mix mix = Ops.mix(Ops.read(), Ops.write().weight(2), Ops.cas()).over("a", "b");
        List<Invocation> first = draw(mix, 5, 200);
        List<Invocation> again = draw(Ops.mix(Ops.read(), Ops.write().weight(2), Ops.cas()).over("a", "b"), 5, 200);
        assertThat(again).isEqualTo(first);
        assertThat(first).extracting(Invocation::f).contains("read", "write", "cas");
        assertThat(first).extracting(Invocation::key).containsOnly("a", "b");
        List<Object> written = first.stream().filter(op -> !op.f().equals("read"))
                .map(op -> op.f().equals("cas") ? ((List<?>) op.value()).get(1) : op.value()).toList();
        assertThat(written).doesNotHaveDuplicates();
    }

    @Test
    void aCasExpectsTheLastValueWrittenToItsKeyAndZeroBeforeAny() {
        Ops.Mix mix = Ops.mix(Ops.cas()).over("k");
        Random random = new Random(1);
        assertThat(mix.next(random).value()).isEqualTo(List.of(0L, 1L));
        assertThat(mix.next(random).value()).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void weightsShareTheDrawsAndAZeroWeightIsNeverDrawn() {
        List<Invocation> ops = draw(Ops.mix(Ops.read().weight(3), Ops.append(), Ops.add().weight(0)).overKeys(4), 9, 4000);
        long reads = ops.stream().filter(op -> op.f().equals("read")).count();
        assertThat(reads).isBetween(2700L, 3300L);
        assertThat(ops).extracting(Invocation::f).doesNotContain("add");
        assertThat(ops).extracting(Invocation::key).containsOnly("k0", "k1", "k2", "k3");
    }

    @Test
    void aCustomOpTakesItsValueFromTheTestsOwnLambdaOnTheDrawnKey() {
        List<Invocation> ops = draw(Ops.mix(Ops.custom("deposit", (key, random) -> key + ":" + (random.nextInt(5) + 1)))
                .over("alice"), 2, 20);
        assertThat(ops).allSatisfy(op -> {
            assertThat(op.f()).isEqualTo("deposit");
            assertThat((String) op.value()).matches("alice:[1-5]");
        });
        assertThat(draw(Ops.mix(Ops.custom("audit", random -> 7L)), 1, 1).get(0)).isEqualTo(new Invocation("audit", null, 7L));
    }

    @Test
    void aMixWithoutWeightOrKeysIsRefused() {
        assertThatThrownBy(() -> Ops.mix(Ops.read().weight(0))).hasMessageContaining("add up to 1 or more");
        assertThatThrownBy(() -> Ops.read().weight(-1)).hasMessage("the weight of read is -1; allowed: 0 or more");
        assertThatThrownBy(() -> Ops.mix(Ops.read()).over()).hasMessage("over(…) needs at least one key");
    }
}
