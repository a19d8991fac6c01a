package dev.faultline.report;

/**
 * What a run knew besides its histories, kept in analysis.json: how many clients each level ran and
 * the replication factor. Null where unknown, as for a history checked on its own.
 */
public record RunSetup(Integer clients, Integer replicationFactor) {

    public static final RunSetup UNKNOWN = new RunSetup(null, null);
}
