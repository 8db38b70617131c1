package org.icesim.ice;

import java.util.ArrayList;
import java.util.List;
import org.icesim.stun.StunAttribute;
import org.icesim.stun.StunKey;
import org.icesim.stun.StunMessage;
import org.icesim.stun.StunMethod;
import org.icesim.stun.TransactionId;

/** Binding requests built by hand, as a peer agent would send them, for tests that inject traffic. */
final class Requests {

    private static int next;

    private Requests() {
    }

    /** A check to {@code target} from a peer whose credentials are {@code sender}. */
    static StunMessage check(IceAgent target, IceCredentials sender, long priority, IceRole senderRole,
            long tieBreaker, boolean useCandidate) {
        return check(target.localCredentials(), sender, priority, senderRole, tieBreaker, useCandidate);
    }

    /** A check for a target whose credentials are {@code target}. */
    static StunMessage check(IceCredentials target, IceCredentials sender, long priority, IceRole senderRole,
            long tieBreaker, boolean useCandidate) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new StunAttribute.Username(target.ufrag() + ":" + sender.ufrag()));
        attributes.add(new StunAttribute.Priority(priority));
        attributes.add(senderRole == IceRole.CONTROLLING ? new StunAttribute.IceControlling(tieBreaker)
                : new StunAttribute.IceControlled(tieBreaker));
        if (useCandidate) {
            attributes.add(StunAttribute.UseCandidate.INSTANCE);
        }
        attributes.add(new StunAttribute.MessageIntegrity(StunKey.shortTerm(target.pwd())));
        attributes.add(StunAttribute.Fingerprint.INSTANCE);
        return StunMessage.request(StunMethod.BINDING, new TransactionId(0x7e57, next++), attributes);
    }
}
