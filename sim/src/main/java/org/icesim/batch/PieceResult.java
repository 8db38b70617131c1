package org.icesim.batch;

import java.io.IOException;
import org.icesim.stats.Json;
import org.icesim.world.FleetPartFigures;

/**
 * What a Spark task sends back for one piece of work, as JSON bytes (which every serializer a
 * cluster may choose handles): for a whole run its record, in the journal's form; for a part of
 * a split fleet its figures, or the error it failed with.
 *
 * @param piece  the piece: {@code position, index, count}
 * @param record a whole run's record as {@link RunRecordJson} writes it; null for a part
 * @param part   a part's figures; null for a whole run and for a part that failed
 * @param error  the error a part failed with, as {@code Throwable.toString()} gives it; null otherwise
 */
record PieceResult(int[] piece, byte[] record, FleetPartFigures part, String error) {

    static PieceResult whole(int[] piece, RunRecord record) throws IOException {
        return new PieceResult(piece, RunRecordJson.write(record), null, null);
    }

    static PieceResult part(int[] piece, FleetPartFigures figures) {
        return new PieceResult(piece, null, figures, null);
    }

    static PieceResult failedPart(int[] piece, Throwable error) {
        return new PieceResult(piece, null, null, error.toString());
    }

    byte[] write() throws IOException {
        return Json.mapper().writeValueAsBytes(this);
    }

    /** @throws IOException if the bytes are not a piece's result: a piece of three numbers and one of the others */
    static PieceResult read(byte[] json) throws IOException {
        PieceResult result = Json.mapper().readValue(json, PieceResult.class);
        if (result == null || result.piece() == null || result.piece().length != 3
                || (result.record() != null ? 1 : 0) + (result.part() != null ? 1 : 0) + (result.error() != null ? 1 : 0) != 1) {
            throw new IOException("a piece's result has a piece of 3 numbers and exactly one of record, part and error");
        }
        return result;
    }
}
