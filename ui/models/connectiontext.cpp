#include "models/connectiontext.h"

#include "models/byteformat.h"
#include "models/connectiontree.h"
#include "models/joinedtext.h"

#include <QLocale>

#include <limits>

namespace sockscope::connectiontext {

namespace {

// tr() is spelled ConnectionsModel::tr() so that lupdate finds the context.
using Model = ConnectionsModel;
using RowKind = Model::RowKind;
using State = Model::State;
using Wording = ConnectionEnding::Wording;
using Tls = Model::Tls;

// A closed connection's State says in a few words whose FIN came first
// ("Closed, peer first"), so that the column fits beside the others at
// 1280 pixels; the Detail column tells the whole ending.
QString stateText(const ConnectionNode& node) {
    // Reading paused is a state the person chose: it explains why the bytes
    // stopped, so it belongs where the state is read.
    if (node.isConnection() && node.isOpen() && node.readingPaused)
        return ConnectionsModel::tr("%1 · reading paused").arg(Model::stateText(node.state));
    // A handshake that failed is the one thing to know about such a
    // connection, and tells it apart from a reset or a refused connect.
    if (node.isConnection() && node.state == State::Failed && node.tls == Tls::Failed)
        return ConnectionsModel::tr("TLS handshake failed");
    if (!node.isConnection() || node.state != State::Closed)
        return Model::stateText(node.state);
    switch (node.ending.kind()) {
    case ConnectionEnding::Kind::PeerFirst:
        return ConnectionsModel::tr("Closed, peer first");
    case ConnectionEnding::Kind::WeFirst:
        return ConnectionsModel::tr("Closed, we first");
    case ConnectionEnding::Kind::WeClosed:
        return ConnectionsModel::tr("We closed");
    case ConnectionEnding::Kind::WeReset:
        return ConnectionsModel::tr("We reset (RST)");
    default:
        return Model::stateText(node.state);
    }
}

// The whole ending where two FINs crossed, "Peer half-closed, then we
// closed", or where we reset: "Peer half-closed, then we reset the connection".
QString endingDetail(const ConnectionNode& node) {
    const ConnectionEnding::Kind kind = node.ending.kind();
    const bool told = kind == ConnectionEnding::Kind::PeerFirst ||
                      kind == ConnectionEnding::Kind::WeFirst ||
                      kind == ConnectionEnding::Kind::WeReset;
    return node.state == State::Closed && told ? node.ending.text(Wording::Translated) : QString();
}

QString queueText(const ListenerQueue& queue) {
    // The backlog is the kernel's (lowered to somaxconn), so it is shown even
    // when nothing waits: it is what the next connections will meet.
    const bool showQueued = queue.queued > 0 || (queue.paused && queue.queued == 0);
    const QString waiting =
        showQueued
            ? ConnectionsModel::tr("%1 waiting / backlog %2").arg(queue.queued).arg(queue.backlog)
            : ConnectionsModel::tr("backlog %1").arg(queue.backlog);
    return queue.paused ? ConnectionsModel::tr("paused · %1").arg(waiting) : waiting;
}

QString groupToolTip(const std::optional<PortRange>& range) {
    if (!range)
        return ConnectionsModel::tr("Clients SockScope started");
    return ConnectionsModel::tr(
               "Clients SockScope started. Each gets its local port from the kernel's "
               "ephemeral range %1–%2 unless it binds one.")
        .arg(range->first)
        .arg(range->last);
}

QString listenerDetail(const ConnectionNode& node, const QString& unseen) {
    if (node.state == State::Failed)
        return node.message.isEmpty() ? errorCodeName(node.error) : node.message;
    const QString accepted = ConnectionsModel::tr("%1 accepted").arg(node.started);
    if (node.queue)
        return joinedNonEmpty({unseen, queueText(*node.queue), node.responder, accepted});
    return joinedNonEmpty(
        {unseen,
         node.backlog > 0 ? ConnectionsModel::tr("backlog %1").arg(node.backlog) : QString(),
         node.responder, accepted});
}

QString connectionStatus(const ConnectionNode& node) {
    switch (node.state) {
    case State::Closed:
        return endingDetail(node);
    case State::Failed:
        return node.message.isEmpty() ? errorCodeName(node.error) : node.message;
    case State::HalfClosedByPeer:
        return ConnectionEnding::halfCloseText(Closer::Peer, Wording::Translated);
    case State::HalfClosedByUs:
        return ConnectionEnding::halfCloseText(Closer::Local, Wording::Translated);
    default:
        return {};
    }
}

QString connectionDetail(const ConnectionNode& node, const QString& unseen) {
    const QString target = !node.target.isEmpty() && node.target != node.peerText()
                               ? ConnectionsModel::tr("to %1").arg(node.target)
                               : QString();
    const QString dropped = node.droppedEvents > 0 ? ConnectionsModel::tr("%1 in %2 events dropped")
                                                         .arg(formatBytes(node.droppedBytes))
                                                         .arg(node.droppedEvents)
                                                   : QString();
    const QString probe =
        node.probe ? ConnectionsModel::tr("reachability probe, closed at once") : QString();
    QString relay;
    if (node.pair != 0)
        relay = node.kind == RowKind::Accepted
                    ? ConnectionsModel::tr("relayed to #%1").arg(node.pair)
                    : ConnectionsModel::tr("upstream of #%1").arg(node.pair);
    return joinedNonEmpty({probe, relay, connectionStatus(node), unseen, target, dropped});
}

QString detail(const ConnectionNode& node) {
    const QString unseen = node.startSeen ? QString() : ConnectionsModel::tr("start not captured");
    switch (node.kind) {
    case RowKind::OutgoingGroup:
        return ConnectionsModel::tr("%1 started").arg(node.started);
    case RowKind::Listener:
        return listenerDetail(node, unseen);
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    return connectionDetail(node, unseen);
}

} // namespace

QVariant columnTitle(int column) {
    switch (column) {
    case Model::NameColumn:
        return ConnectionsModel::tr("Name");
    case Model::LocalColumn:
        return ConnectionsModel::tr("Local");
    case Model::PeerColumn:
        return ConnectionsModel::tr("Peer");
    case Model::StateColumn:
        return ConnectionsModel::tr("State");
    case Model::BytesInColumn:
        return ConnectionsModel::tr("Bytes in");
    case Model::BytesOutColumn:
        return ConnectionsModel::tr("Bytes out");
    case Model::DetailColumn:
        return ConnectionsModel::tr("Detail");
    }
    return {};
}

QVariant display(const ConnectionNode& node, int column) {
    switch (node.kind) {
    case RowKind::OutgoingGroup:
        if (column == Model::NameColumn)
            return ConnectionsModel::tr("Outgoing clients");
        if (column == Model::DetailColumn)
            return detail(node);
        return {};
    case RowKind::Listener:
        switch (column) {
        case Model::NameColumn:
            return ConnectionsModel::tr("Listener #%1").arg(node.id);
        case Model::LocalColumn:
            return node.localText();
        case Model::StateColumn:
            // A listener that stopped accepting still listens; what matters
            // is that connections pile up in its queue.
            if (node.state == State::Listening && node.queue && node.queue->paused)
                return ConnectionsModel::tr("Paused · %1 waiting").arg(node.queue->queued);
            return Model::stateText(node.state);
        case Model::DetailColumn:
            return detail(node);
        }
        return {};
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    switch (column) {
    case Model::NameColumn:
        return QStringLiteral("#%1").arg(node.id);
    case Model::LocalColumn:
        return node.localText();
    case Model::PeerColumn:
        return node.peerText();
    case Model::StateColumn:
        return stateText(node);
    case Model::BytesInColumn:
        return formatBytes(node.bytesIn);
    case Model::BytesOutColumn:
        return formatBytes(node.bytesOut);
    case Model::DetailColumn:
        return detail(node);
    }
    return {};
}

QString tlsText(const ConnectionNode& node) {
    const TlsSummary* summary = node.tlsSummary.get();
    switch (node.tls) {
    case Tls::None:
        return {};
    case Tls::Handshaking:
        return ConnectionsModel::tr("TLS, handshake not ended yet");
    case Tls::Failed:
        return summary && !summary->failure.isEmpty()
                   ? ConnectionsModel::tr("TLS handshake failed: %1").arg(summary->failure)
                   : ConnectionsModel::tr("TLS handshake failed");
    case Tls::Secured:
        break;
    }
    if (node.kind == RowKind::Listener) {
        const QStringList names =
            summary && !summary->chain.isEmpty() ? summary->chain.first().names : QStringList();
        return names.isEmpty()
                   ? ConnectionsModel::tr("TLS server")
                   : ConnectionsModel::tr("TLS server, certificate for %1").arg(names.join(u", "));
    }
    if (!summary)
        return ConnectionsModel::tr("TLS");
    return joinedNonEmpty(
        {summary->version, summary->cipher,
         summary->alpn.isEmpty() ? QString() : ConnectionsModel::tr("ALPN %1").arg(summary->alpn)});
}

QVariant toolTip(const ConnectionNode& node, int column,
                 const std::optional<PortRange>& ephemeralPorts) {
    const bool bytesColumn = column == Model::BytesInColumn || column == Model::BytesOutColumn;
    if (node.isConnection() && bytesColumn) {
        const qint64 bytes = column == Model::BytesInColumn ? node.bytesIn : node.bytesOut;
        return ConnectionsModel::tr("%1 bytes").arg(QLocale().toString(bytes));
    }
    if (column == Model::DetailColumn)
        return detail(node);
    if (node.kind == RowKind::OutgoingGroup && column == Model::NameColumn)
        return groupToolTip(ephemeralPorts);
    // The Name column's lock, in words.
    if (column == Model::NameColumn && node.tls != Tls::None)
        return tlsText(node);
    return {};
}

QVariant sortKey(const ConnectionNode& node, int column) {
    switch (column) {
    case Model::NameColumn:
        // The group sorts after every listener in ascending order.
        return node.kind == RowKind::OutgoingGroup ? std::numeric_limits<int>::max() : node.id;
    case Model::LocalColumn:
        return node.local.isNull() ? -1 : int(node.local.port());
    case Model::PeerColumn:
        return node.peer.isNull() ? -1 : int(node.peer.port());
    case Model::StateColumn:
        return node.kind == RowKind::OutgoingGroup ? -1 : int(node.state);
    case Model::BytesInColumn:
        return node.bytesIn;
    case Model::BytesOutColumn:
        return node.bytesOut;
    case Model::DetailColumn:
        return detail(node);
    }
    return {};
}

} // namespace sockscope::connectiontext
