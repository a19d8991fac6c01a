package dev.faultline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.history.EdnHistory;
import dev.faultline.history.History;
import dev.faultline.history.PorcupineEtcdLog;
import dev.faultline.model.Model;
import dev.faultline.model.MultiRegisterModel;
import dev.faultline.model.MutexModel;
import dev.faultline.model.RegisterModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every history of the corpora ({@link Corpora}) gets the verdict its authors' checker gives it. */
class CorpusVerdictsTest {

    @TestFactory
    Stream<DynamicTest> knossosCasRegisterGood() {
        return verdicts(Corpora.files(Corpora.external().resolve("knossos/cas-register/good"), ".edn"), EdnHistory::read,
                RegisterModel.casRegister(), Verdict.LINEARIZABLE);
    }

    @TestFactory
    Stream<DynamicTest> knossosCasRegisterBad() {
        return verdicts(Corpora.files(Corpora.external().resolve("knossos/cas-register/bad"), ".edn"), EdnHistory::read,
                RegisterModel.casRegister(), Verdict.NOT_LINEARIZABLE);
    }

    @TestFactory
    Stream<DynamicTest> knossosMultiRegister() {
        return verdicts(Corpora.files(Corpora.external().resolve("knossos/multi-register/good"), ".edn"), EdnHistory::read,
                MultiRegisterModel.startingAtZero(), Verdict.LINEARIZABLE);
    }

    @TestFactory
    Stream<DynamicTest> knossosMutex() {
        // hazelcast.edn is an empty file upstream: no history, so no verdict (see emptyFileHoldsNoOps)
        List<Path> histories = Corpora.files(Corpora.external().resolve("knossos/mutex/bad"), ".edn").stream().filter(f -> f.toFile().length() > 0).toList();
        assertThat(histories).extracting(f -> f.getFileName().toString()).contains("etcd.edn");
        return verdicts(histories, EdnHistory::read, new MutexModel(), Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void emptyFileHoldsNoOps() {
        assertThat(EdnHistory.read(Corpora.external().resolve("knossos/mutex/bad/hazelcast.edn")).size()).isZero();
    }

    @TestFactory
    Stream<DynamicTest> porcupineEtcd() {
        return Corpora.verdicts(Corpora.inRepository().resolve("porcupine/etcd")).entrySet().stream().map(known -> verdict(known.getKey(),
                PorcupineEtcdLog::read, RegisterModel.register(),
                known.getValue() ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE));
    }

    @TestFactory
    Stream<DynamicTest> porcupineKv() {
        return Corpora.verdicts(Corpora.inRepository().resolve("porcupine/kv")).entrySet().stream().map(known -> verdict(known.getKey(),
                EdnHistory::read, RegisterModel.kv(),
                known.getValue() ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE));
    }

    private static Stream<DynamicTest> verdicts(
            List<Path> files, Function<Path, History> reader, Model<?> model, Verdict expected) {
        return files.stream().map(file -> verdict(file, reader, model, expected));
    }

    private static DynamicTest verdict(Path file, Function<Path, History> reader, Model<?> model, Verdict expected) {
        return DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            CheckResult result = LinearizabilityChecker.check(reader.apply(file), model, Budget.defaults());
            assertThat(result.verdict()).as(file.toString()).isEqualTo(expected);
            if (expected == Verdict.NOT_LINEARIZABLE) {
                Counterexample why = result.violations().get(0).counterexample();
                assertThat(why).isNotNull();
                assertThat(why.unlinearizable()).isNotNull();
            }
        });
    }
}
