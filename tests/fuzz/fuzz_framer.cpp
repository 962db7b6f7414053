// libFuzzer target: the stream framer, with hostile length prefixes,
// delimiters and limits. The same stream fed whole and fed in arbitrary
// chunks must frame alike (TCP may cut it anywhere), and every frame must
// be the stream's own bytes, back to back.
#include "capture/streamframer.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using sockscope::FramedMessage;
using sockscope::FramingRule;
using sockscope::StreamFramer;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "framer: %s\n", what);
    std::abort();
}

FramingRule ruleFrom(FuzzedDataProvider& input) {
    FramingRule rule;
    rule.mode = input.PickValueInArray(
        {FramingRule::Mode::Line, FramingRule::Mode::Delimiter, FramingRule::Mode::LengthPrefix});
    const std::string delimiter = input.ConsumeRandomLengthString(4);
    rule.delimiter = QByteArray(delimiter.data(), qsizetype(delimiter.size()));
    // Mostly the valid widths; now and then one the framer must refuse.
    rule.prefixBytes = input.PickValueInArray({1, 2, 4, 1, 2, 4, 0, 3, 8, -1});
    rule.bigEndian = input.ConsumeBool();
    // Small limits, so that inputs of a few KiB reach them; now and then
    // the default, the largest, or one the framer must refuse.
    switch (input.ConsumeIntegralInRange(0, 7)) {
    case 0:
        rule.maxMessageSize = FramingRule::kDefaultMaxMessageSize;
        break;
    case 1:
        rule.maxMessageSize = std::numeric_limits<qint64>::max();
        break;
    case 2:
        rule.maxMessageSize = input.ConsumeIntegralInRange<qint64>(-2, 0);
        break;
    default:
        rule.maxMessageSize = input.ConsumeIntegralInRange<qint64>(1, 300);
        break;
    }
    return rule;
}

struct Outcome {
    QList<FramedMessage> messages;
    QByteArray tail;
    qint64 tailOffset = 0;
    bool error = false;
    qint64 errorOffset = 0;
    qint64 bytesAfterError = 0;
};

Outcome finish(StreamFramer& framer, QList<FramedMessage> taken, qint64 gap) {
    if (gap > 0)
        framer.appendGap(gap);
    taken += framer.takeMessages();
    if (!framer.messages().isEmpty())
        fail("messages left after takeMessages()");
    if (framer.hasError() && framer.error().isEmpty())
        fail("an error without a message");
    return {taken,
            framer.tail().toByteArray(),
            framer.tailOffset(),
            framer.hasError(),
            framer.errorOffset(),
            framer.bytesAfterError()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const FramingRule rule = ruleFrom(input);
    const qint64 gap = input.ConsumeBool() ? input.ConsumeIntegralInRange<qint64>(1, 1 << 20) : 0;
    // Chunk sizes come first, the stream is the rest.
    std::vector<std::size_t> cuts(input.ConsumeIntegralInRange<std::size_t>(0, 16));
    for (std::size_t& cut : cuts)
        cut = input.ConsumeIntegralInRange<std::size_t>(0, 64);
    const std::vector<std::uint8_t> rest = input.ConsumeRemainingBytes<std::uint8_t>();
    const QByteArrayView stream(reinterpret_cast<const char*>(rest.data()), qsizetype(rest.size()));

    StreamFramer whole(rule);
    whole.append(stream, 1);
    const Outcome a = finish(whole, {}, gap);

    // Chunked: the cut sizes in turn, the last one repeated, empty chunks too.
    StreamFramer chunked(rule);
    QList<FramedMessage> taken;
    qsizetype at = 0;
    for (std::size_t i = 0; at < stream.size(); ++i) {
        const std::size_t cut = cuts.empty() ? 1 : cuts[std::min(i, cuts.size() - 1)];
        const qsizetype n = std::min<qsizetype>(qsizetype(cut ? cut : 1), stream.size() - at);
        chunked.append(stream.sliced(at, n), 1);
        if (cut == 0)
            chunked.append({}, 1);
        if (i % 3 == 0)
            taken += chunked.takeMessages(); // taking them mid-stream changes nothing
        at += n;
    }
    const Outcome b = finish(chunked, taken, gap);

    if (a.messages.size() != b.messages.size())
        fail("a different number of messages when chunked");
    qint64 next = 0;
    for (qsizetype i = 0; i < a.messages.size(); ++i) {
        const FramedMessage& m = a.messages[i];
        const FramedMessage& n = b.messages[i];
        if (m.offset != n.offset || m.frameSize != n.frameSize || m.payload != n.payload)
            fail("a message differs when chunked");
        if (m.offset != next || m.frameSize < m.payload.size() ||
            m.offset + m.frameSize > stream.size())
            fail("frames are not back to back within the stream");
        const qsizetype payloadAt = rule.mode == FramingRule::Mode::LengthPrefix
                                        ? qsizetype(m.offset) + rule.prefixBytes
                                        : qsizetype(m.offset);
        if (stream.sliced(payloadAt, m.payload.size()) != m.payload)
            fail("a payload is not the stream's bytes");
        if (m.payload.size() > rule.maxMessageSize)
            fail("a payload over the limit");
        next = m.offset + m.frameSize;
    }
    if (a.error != b.error || a.errorOffset != b.errorOffset ||
        a.bytesAfterError != b.bytesAfterError)
        fail("the error differs when chunked");
    if (a.tail != b.tail || a.tailOffset != b.tailOffset)
        fail("the tail differs when chunked");
    if (a.tailOffset != next || next + a.tail.size() + a.bytesAfterError != stream.size() + gap)
        fail("bytes went missing: frames, tail and bytes after the error do not add up");
    return 0;
}
