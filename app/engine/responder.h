#pragma once

#include "capture/streamframer.h"
#include "engine/config.h"
#include "engine/connectionaction.h"

#include <QList>

#include <memory>
#include <unordered_map>

namespace sockscope {

struct ReplyContext;
struct RuleReply;

// Decides how an accepted connection answers by itself, per its listener's
// config:
//   manual  - only capture; the person decides what to send and when to close
//   echo    - send every received byte back; after the peer's FIN, finish
//             sending and close
//   discard - read and drop; close after the peer's FIN
//   reply   - on the first received bytes (the request) or the peer's FIN,
//             send the reply file once, then shut down the write side; the
//             file is streamed a chunk at a time as the peer takes it, each
//             connection reading it on its own, so memory does not grow
//             with the file's size or the number of connections; the
//             connection closes when the client closes its side
//   rules   - frame what the client sends into messages and answer each by
//             the first rule that matches (RuleSet), after a greeting; at
//             the peer's FIN an unterminated last message is answered
//             too, then the connection closes once its replies are out
// It only decides: it returns actions and never touches a connection, so
// it cannot be destroyed while one of its own calls is on the stack, and it
// is tested without sockets. The session tells it each event after
// recording it and applies the actions at once, so the answer follows what
// caused it in the capture.
class Responder final {
public:
    // What a rules responder did with one message, for the log: the rule
    // that answered ("default", "none", "greeting"), or why it stopped.
    struct RuleNote {
        qint64 index = 0; // the message's 1-based number on the connection; 0: the greeting
        QString rule;
        QString problem;
    };

    // peer: the client's address:port, for the rules' ${peer}.
    Responder(int conn, const ResponderConfig& config, const QString& peer = QString());

    bool isManual() const { return m_config.kind == ResponderConfig::Kind::Manual; }
    ConnectionActions onAccepted();
    ConnectionActions onReceived(const QByteArray& bytes);
    ConnectionActions onPeerFinished();
    // Rules only: what happened since the last call, in order.
    QList<RuleNote> takeRuleNotes() { return std::exchange(m_notes, {}); }

private:
    ConnectionActions replyOnce();
    // Rules: beyond these a connection is no longer answered, and the log
    // says why; rule events stop after kMaxRuleNotes messages (the answers
    // go on).
    static constexpr qint64 kMaxAnswerBytesPerRead = 16ll << 20;
    static constexpr qint64 kSlowMatchMs = 100;
    static constexpr qint64 kMaxRuleNotes = 10'000;

    void answer(const QByteArray& message, ConnectionActions* actions, qint64* answered);
    // The reply's bytes sent (0 for hex-less, text-less replies).
    qint64 appendReply(const RuleReply& reply, const ReplyContext& context,
                       ConnectionActions* actions);
    void stop(const QString& why);
    void note(qint64 index, const QString& rule);

    int m_conn;
    ResponderConfig m_config; // a copy: the listener may stop before its connections
    bool m_replied = false;
    // Rules: the client's stream cut into messages (none: each read is
    // one), each rule's next reply of its cycle (the default's last), the
    // messages so far, and whether framing failed (nothing is answered
    // after a bad length: nothing later can be trusted).
    std::unique_ptr<StreamFramer> m_framer;
    std::unordered_map<int, std::size_t> m_turns; // rule (-1: the default) -> next of its cycle
    qint64 m_messages = 0;
    qint64 m_notedMessages = 0;
    bool m_stopped = false;
    QString m_peer;
    QList<RuleNote> m_notes;
};

} // namespace sockscope
