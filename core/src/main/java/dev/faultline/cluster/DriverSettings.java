package dev.faultline.cluster;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;

import java.time.Duration;

/** Driver settings every backend's sessions share. */
public final class DriverSettings {

    private DriverSettings() {
    }

    /** Nodes come back within seconds after a fault; the driver's default 60 s reconnection backoff would hide that. */
    public static ProgrammaticDriverConfigLoaderBuilder quickReconnects() {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(1))
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5));
    }
}
