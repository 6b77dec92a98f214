package dev.taskflow.panel.contract;

import dev.taskflow.panel.pipeline.ConflictException;

/** Something needs the frozen contract before anyone froze one. */
public class ContractNotFrozenException extends ConflictException {

    public ContractNotFrozenException() {
        super("No contract has been frozen yet: freeze production's contract first (task T005, or POST "
                + "/api/contract/freeze {\"target\":\"production\"}).");
    }
}
