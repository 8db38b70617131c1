package org.icesim.net;

/**
 * What a link going down does with the packets it has already accepted (waiting for its serializer,
 * being serialized or propagating): the cut either loses them or lets them arrive as scheduled.
 */
public enum InFlight {
    /** They arrive as if the link had stayed up: the break is beyond them (e.g. further along the path). */
    DELIVER,
    /**
     * They are lost: the break is where they are. Linux discards an interface's queue when it goes
     * down (net/core/link_watch.c, linkwatch_do_dev calls dev_deactivate on carrier loss, which resets
     * its qdiscs in net/sched/sch_generic.c), and the testbed's delay helper
     * drops the packets it holds when its link goes down (nfqdelay.c, drop_held).
     */
    DROP
}
