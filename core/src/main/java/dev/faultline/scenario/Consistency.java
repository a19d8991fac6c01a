package dev.faultline.scenario;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;

/** The consistency levels a scenario may ask for; SERIAL and LOCAL_SERIAL belong to LWT reads. */
public enum Consistency {
    ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, SERIAL, LOCAL_SERIAL;

    public ConsistencyLevel driverLevel() {
        return DefaultConsistencyLevel.valueOf(name());
    }
}
