package org.icesim.kernel;

/**
 * A property a run checks about itself when invariant checks are on, known by its title. The
 * package whose rule it is declares it (the kernel's own are in {@link SchedulingInvariants}); the
 * kernel only counts checks that held and reports the ones that failed, whatever they are about.
 *
 * @param title the invariant's name as messages and counts show it
 */
public record Invariant(String title) {

    public Invariant {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("an invariant needs a title");
        }
    }
}
