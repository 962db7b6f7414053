#include "engine/responder.h"

#include "engine/ruleset.h"

#include <QElapsedTimer>

#include <utility>

namespace sockscope {

Responder::Responder(int conn, const ResponderConfig& config, const QString& peer)
    : m_conn(conn)
    , m_config(config)
    , m_peer(peer) {
    if (m_config.kind != ResponderConfig::Kind::Rules)
        return;
    if (const auto& framing = m_config.rules->framing())
        m_framer = std::make_unique<StreamFramer>(*framing);
}

ConnectionActions Responder::onAccepted() {
    ConnectionActions actions;
    if (m_config.kind != ResponderConfig::Kind::Rules || !m_config.rules->greeting())
        return actions;
    ReplyContext context;
    context.conn = m_conn;
    context.peer = m_peer;
    m_notes.append({0, QStringLiteral("greeting"), {}});
    appendReply(*m_config.rules->greeting(), context, &actions);
    return actions;
}

ConnectionActions Responder::onReceived(const QByteArray& bytes) {
    if (m_config.kind == ResponderConfig::Kind::Echo)
        return {ConnectionAction::send(m_conn, bytes)};
    if (m_config.kind == ResponderConfig::Kind::Reply)
        return replyOnce();
    ConnectionActions actions;
    if (m_config.kind != ResponderConfig::Kind::Rules || m_stopped)
        return actions;
    qint64 answered = 0; // bytes of replies to this read
    if (!m_framer) {
        answer(bytes, &actions, &answered);
        return actions;
    }
    m_framer->append(bytes, 0);
    for (const FramedMessage& message : m_framer->takeMessages()) {
        if (m_stopped)
            break;
        answer(message.payload, &actions, &answered);
        if (answered > kMaxAnswerBytesPerRead)
            stop(QStringLiteral("the answers to one read passed %1 bytes")
                     .arg(kMaxAnswerBytesPerRead));
    }
    if (m_framer->hasError())
        stop(QStringLiteral("framing stopped: %1").arg(m_framer->error()));
    return actions;
}

void Responder::stop(const QString& why) {
    if (m_stopped)
        return;
    m_stopped = true;
    m_notes.append({m_messages + 1, QStringLiteral("none"),
                    QStringLiteral("%1; no more answers on this connection").arg(why)});
}

void Responder::note(qint64 index, const QString& rule) {
    // One event per message is the log's promise, but a flood of tiny
    // messages must not fill the capture with them: past the limit the
    // answers go on unlogged, and the log says so once.
    if (m_notedMessages < kMaxRuleNotes)
        m_notes.append({index, rule, {}});
    else if (m_notedMessages == kMaxRuleNotes)
        m_notes.append({index, rule,
                        QStringLiteral("rule events stop here: %1 messages on this connection; "
                                       "the answers go on")
                            .arg(kMaxRuleNotes)});
    ++m_notedMessages;
}

void Responder::answer(const QByteArray& message, ConnectionActions* actions, qint64* answered) {
    const RuleSet& rules = *m_config.rules;
    ReplyContext context;
    context.message = message;
    context.connectionCounter = ++m_messages;
    context.listenerCounter = m_config.messagesSoFar ? ++*m_config.messagesSoFar : m_messages;
    context.conn = m_conn;
    context.peer = m_peer;
    QElapsedTimer clock;
    clock.start();
    RuleSet::Match match = rules.match(message);
    if (clock.elapsed() > kSlowMatchMs) {
        // A regex that backtracks holds every connection of the thread up.
        --m_messages;
        stop(QStringLiteral("matching message %1 took %2 ms (a regex that backtracks?)")
                 .arg(m_messages + 1)
                 .arg(clock.elapsed()));
        return;
    }
    context.numbered = std::move(match.numbered);
    context.named = std::move(match.named);
    const bool matched = match.rule >= 0;
    const std::vector<RuleReply>& replies = rules.repliesFor(match);
    if (replies.empty()) {
        note(m_messages, QStringLiteral("none"));
        return;
    }
    // Only rules with a cycle keep a turn: a file of many rules costs a
    // connection nothing per rule.
    std::size_t turn = 0;
    if (replies.size() > 1)
        turn = m_turns[match.rule]++ % replies.size();
    note(m_messages,
         matched ? rules.rules()[std::size_t(match.rule)].name : QStringLiteral("default"));
    *answered += appendReply(replies[turn], context, actions);
}

qint64 Responder::appendReply(const RuleReply& reply, const ReplyContext& context,
                              ConnectionActions* actions) {
    if (reply.delayMs > 0)
        actions->append(ConnectionAction::wait(m_conn, reply.delayMs));
    const QByteArray bytes = reply.text ? reply.text->fill(context) : reply.bytes;
    if (!bytes.isEmpty())
        actions->append(ConnectionAction::send(m_conn, bytes));
    // After a half-close, close or reset nothing more can be sent.
    m_stopped = m_stopped || reply.then != RuleReply::Then::None;
    using Kind = ConnectionAction::Kind;
    switch (reply.then) {
    case RuleReply::Then::None:
        break;
    case RuleReply::Then::HalfClose:
        actions->append(ConnectionAction::of(Kind::HalfClose, m_conn));
        break;
    case RuleReply::Then::Close:
        actions->append(ConnectionAction::of(Kind::Close, m_conn));
        break;
    case RuleReply::Then::Reset:
        actions->append(ConnectionAction::of(Kind::Reset, m_conn));
        break;
    }
    return bytes.size();
}

ConnectionActions Responder::onPeerFinished() {
    switch (m_config.kind) {
    case ResponderConfig::Kind::Manual:
    case ResponderConfig::Kind::Forward: // a RelayPair decides, not a Responder
        break;
    case ResponderConfig::Kind::Rules: {
        // A last line without its terminator is still a message; a length
        // prefix's cut frame is not.
        ConnectionActions actions;
        qint64 answered = 0;
        const bool terminated =
            m_framer && m_config.rules->framing()->mode != FramingRule::Mode::LengthPrefix;
        if (terminated && !m_stopped && !m_framer->tail().isEmpty())
            answer(m_framer->tail().toByteArray(), &actions, &answered);
        actions.append(ConnectionAction::of(ConnectionAction::Kind::Close, m_conn));
        return actions;
    }
    case ResponderConfig::Kind::Echo: // Close still sends what is queued
    case ResponderConfig::Kind::Discard:
        return {ConnectionAction::of(ConnectionAction::Kind::Close, m_conn)};
    case ResponderConfig::Kind::Reply:
        return replyOnce();
    }
    return {};
}

ConnectionActions Responder::replyOnce() {
    // Half-close after the reply rather than close: closing with the rest of
    // the request unread would make the kernel send RST, which can destroy
    // the reply before the client reads it. The connection ends at the
    // client's FIN.
    if (std::exchange(m_replied, true))
        return {};
    return {ConnectionAction::sendFile(m_conn, m_config.replyFile),
            ConnectionAction::of(ConnectionAction::Kind::HalfClose, m_conn)};
}

std::optional<ResponderConfig> ResponderConfig::parse(const QString& spec, QString* error) {
    ResponderConfig config;
    if (spec == u"manual")
        return config;
    if (spec == u"echo") {
        config.kind = Kind::Echo;
        return config;
    }
    if (spec == u"discard") {
        config.kind = Kind::Discard;
        return config;
    }
    if (spec.startsWith(u"reply:")) {
        config.kind = Kind::Reply;
        config.replySource = spec.mid(6);
        QString reason;
        config.replyFile = FileSource::open(config.replySource, &reason);
        if (!config.replyFile) {
            *error =
                QStringLiteral("cannot read reply file '%1': %2").arg(config.replySource, reason);
            return std::nullopt;
        }
        return config;
    }
    if (spec.startsWith(u"rules:")) {
        config.kind = Kind::Rules;
        config.rulesSource = spec.mid(6);
        config.rules = RuleSet::load(config.rulesSource, error);
        if (!config.rules)
            return std::nullopt;
        config.messagesSoFar = std::make_shared<qint64>(0);
        return config;
    }
    const bool tls = spec.startsWith(u"forward-tls:");
    if (tls || spec.startsWith(u"forward:")) {
        const QString prefix = tls ? QStringLiteral("forward-tls") : QStringLiteral("forward");
        QString reason;
        const std::optional<HostPort> upstream =
            parseHostPort(spec.mid(prefix.size() + 1), &reason);
        if (!upstream) {
            *error = QStringLiteral("%1: %2").arg(prefix, reason);
            return std::nullopt;
        }
        if (upstream->port == 0) {
            *error = QStringLiteral("%1: the upstream needs a port (1-65535), not 0").arg(prefix);
            return std::nullopt;
        }
        config.kind = Kind::Forward;
        config.upstream = *upstream;
        config.upstreamTls.enabled = tls;
        return config;
    }
    *error = QStringLiteral("'%1' is not a responder: use manual, echo, discard, reply:FILE, "
                            "rules:FILE, forward:HOST:PORT or forward-tls:HOST:PORT")
                 .arg(spec);
    return std::nullopt;
}

QString ResponderConfig::name() const {
    switch (kind) {
    case Kind::Manual:
        return QStringLiteral("manual");
    case Kind::Echo:
        return QStringLiteral("echo");
    case Kind::Discard:
        return QStringLiteral("discard");
    case Kind::Reply:
        return QStringLiteral("reply:") + replySource;
    case Kind::Rules:
        return QStringLiteral("rules:") + rulesSource;
    case Kind::Forward:
        return (upstreamTls.enabled ? QStringLiteral("forward-tls:") : QStringLiteral("forward:")) +
               formatHostPort(upstream);
    }
    return QString();
}

} // namespace sockscope
