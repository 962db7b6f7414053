#include "models/connectiondetails.h"

#include "models/byteformat.h"
#include "models/connectiontext.h"
#include "models/connectiontree.h"
#include "models/timeformat.h"

#include <QLocale>

namespace sockscope::connectiondetails {

namespace {

using Model = ConnectionsModel;
using Details = QList<Model::Detail>;
using RowKind = Model::RowKind;
using State = Model::State;

QString bytesText(qint64 bytes) {
    return bytes < 1024 ? ConnectionsModel::tr("%1 bytes").arg(QLocale().toString(bytes))
                        : ConnectionsModel::tr("%1 bytes (%2)")
                              .arg(QLocale().toString(bytes), formatBytes(bytes));
}

// Where a listener is bound decides who can reach it (the HOWTO's point).
QString bindScope(const SocketAddress& address) {
    const QHostAddress host = address.hostAddress();
    if (host.isLoopback())
        return ConnectionsModel::tr("loopback: only this machine can connect");
    if (host == QHostAddress(QHostAddress::AnyIPv4) || host == QHostAddress(QHostAddress::AnyIPv6))
        return ConnectionsModel::tr("every interface: any host that can route here can connect");
    return ConnectionsModel::tr("this interface only");
}

QString portNote(quint16 port) {
    return port < 1024 ? ConnectionsModel::tr("%1 (privileged: below 1024)").arg(port)
                       : QString::number(port);
}

// The other end of a connection when it is a socket of this session too:
// a client of our own listener.
const ConnectionNode* otherEnd(const ConnectionNode& node, const ConnectionTree& tree) {
    if (node.local.isNull() || node.peer.isNull())
        return nullptr;
    if (node.kind == RowKind::Accepted) {
        for (const auto& client : tree.group()->children) {
            if (client->local == node.peer && client->peer == node.local)
                return client.get();
        }
        return nullptr;
    }
    for (const ConnectionNode* listener : tree.listeners()) {
        for (const auto& accepted : listener->children) {
            if (accepted->peer == node.local && accepted->local == node.peer)
                return accepted.get();
        }
    }
    return nullptr;
}

void addTimes(Details& details, const ConnectionNode& node) {
    if (node.startUs > 0)
        details.append({ConnectionsModel::tr("Started"), formatLocalTimeUs(node.startUs)});
    if (node.isOver() && node.endUs > 0)
        details.append({node.kind == RowKind::Listener ? ConnectionsModel::tr("Stopped")
                                                       : ConnectionsModel::tr("Ended"),
                        formatLocalTimeUs(node.endUs)});
    if (!node.startSeen)
        details.append({ConnectionsModel::tr("Note"), ConnectionsModel::tr("start not captured")});
}

void addTls(Details& details, const ConnectionNode& node) {
    if (const QString tls = connectiontext::tlsText(node); !tls.isEmpty())
        details.append({ConnectionsModel::tr("TLS"), tls});
}

void addKeep(Details& details, const QHash<int, KeepPolicy>& keepPolicies, int id) {
    const auto keep = keepPolicies.constFind(id);
    if (keep != keepPolicies.cend())
        details.append({ConnectionsModel::tr("Keep payload"), keep->name()});
}

Details listenerDetails(const ConnectionNode& node, const QHash<int, KeepPolicy>& keepPolicies) {
    Details details{{ConnectionsModel::tr("Listener"), ConnectionsModel::tr("#%1").arg(node.id)},
                    {ConnectionsModel::tr("State"),
                     connectiontext::display(node, Model::StateColumn).toString()}};
    if (node.state == State::Failed)
        details.append({ConnectionsModel::tr("Error"),
                        node.message.isEmpty() ? errorCodeName(node.error) : node.message});
    if (!node.local.isNull()) {
        details.append({ConnectionsModel::tr("Bind address"),
                        ConnectionsModel::tr("%1 (%2)").arg(node.local.hostAddress().toString(),
                                                            bindScope(node.local))});
        details.append({ConnectionsModel::tr("Port"), portNote(node.local.port())});
    }
    if (node.backlog > 0)
        details.append({ConnectionsModel::tr("Backlog asked"), QString::number(node.backlog)});
    if (node.queue) {
        const ListenerQueue& queue = *node.queue;
        details.append({ConnectionsModel::tr("Accept queue now"),
                        queue.queued < 0
                            ? ConnectionsModel::tr("unknown / backlog %1").arg(queue.backlog)
                            : ConnectionsModel::tr("%1 waiting / backlog %2 (the kernel's limit)")
                                  .arg(queue.queued)
                                  .arg(queue.backlog)});
        details.append({ConnectionsModel::tr("Accepting"),
                        queue.paused
                            ? ConnectionsModel::tr("paused: connections wait in the kernel's queue")
                            : ConnectionsModel::tr("yes")});
    }
    addTls(details, node);
    if (!node.responder.isEmpty())
        details.append({ConnectionsModel::tr("Responder"), node.responder});
    addKeep(details, keepPolicies, node.id);
    details.append({ConnectionsModel::tr("Accepted"),
                    ConnectionsModel::tr("%1 connections").arg(node.started)});
    addTimes(details, node);
    return details;
}

Details connectionDetails(const ConnectionNode& node, const ConnectionTree& tree,
                          const QHash<int, KeepPolicy>& keepPolicies) {
    const bool accepted = node.kind == RowKind::Accepted;
    Details details{{ConnectionsModel::tr("Connection"),
                     accepted ? ConnectionsModel::tr("#%1, accepted by listener #%2")
                                    .arg(node.id)
                                    .arg(node.listenerId)
                              : ConnectionsModel::tr("#%1, outgoing client").arg(node.id)}};
    if (!node.target.isEmpty())
        details.append({ConnectionsModel::tr("Target as typed"), node.target});
    if (!node.local.isNull()) {
        details.append({ConnectionsModel::tr("Local"),
                        accepted
                            ? ConnectionsModel::tr("%1 (the listener's port)").arg(node.localText())
                            : ConnectionsModel::tr("%1 (our ephemeral port, picked by the kernel)")
                                  .arg(node.localText())});
    }
    if (!node.peer.isNull()) {
        details.append(
            {ConnectionsModel::tr("Peer"),
             accepted ? ConnectionsModel::tr("%1 (the peer's ephemeral port)").arg(node.peerText())
                      : node.peerText()});
    }
    if (const ConnectionNode* other = otherEnd(node, tree)) {
        details.append({ConnectionsModel::tr("Other end"),
                        other->kind == RowKind::Accepted
                            ? ConnectionsModel::tr("connection #%1, accepted by listener #%2")
                                  .arg(other->id)
                                  .arg(other->listenerId)
                            : ConnectionsModel::tr("connection #%1, a client of this session")
                                  .arg(other->id)});
    }
    details.append({ConnectionsModel::tr("State"),
                    connectiontext::display(node, Model::StateColumn).toString()});
    addTls(details, node);
    if (node.readingPaused && node.isOpen()) {
        details.append(
            {ConnectionsModel::tr("Reading"),
             ConnectionsModel::tr("paused: the kernel's buffer fills and TCP flow control holds "
                                  "the peer back")});
    }
    if (node.state == State::Failed) {
        details.append({ConnectionsModel::tr("Error"),
                        node.message.isEmpty() ? errorCodeName(node.error) : node.message});
    } else if (node.ending.kind() != ConnectionEnding::Kind::Open) {
        details.append({node.isOver() ? ConnectionsModel::tr("How it ended")
                                      : ConnectionsModel::tr("Half-closed"),
                        node.ending.text(ConnectionEnding::Wording::Translated)});
    }
    details.append({ConnectionsModel::tr("Bytes in"), bytesText(node.bytesIn)});
    details.append({ConnectionsModel::tr("Bytes out"), bytesText(node.bytesOut)});
    if (node.droppedEvents > 0) {
        details.append({ConnectionsModel::tr("Dropped"), ConnectionsModel::tr("%1 in %2 events")
                                                             .arg(formatBytes(node.droppedBytes))
                                                             .arg(node.droppedEvents)});
        if (!node.dropReason.isEmpty())
            details.append({ConnectionsModel::tr("Why dropped"), node.dropReason});
    }
    addKeep(details, keepPolicies, accepted ? node.listenerId : node.id);
    if (node.probe)
        details.append({ConnectionsModel::tr("Note"),
                        ConnectionsModel::tr("reachability probe, closed at once")});
    addTimes(details, node);
    return details;
}

Details groupDetails(const ConnectionNode& node, const std::optional<PortRange>& range) {
    Details details{{ConnectionsModel::tr("Outgoing clients"),
                     ConnectionsModel::tr("%1 started").arg(node.started)}};
    if (range) {
        details.append(
            {ConnectionsModel::tr("Local ports"),
             ConnectionsModel::tr("from the kernel's ephemeral range %1–%2, unless a client "
                                  "binds one")
                 .arg(range->first)
                 .arg(range->last)});
    }
    return details;
}

} // namespace

QList<ConnectionsModel::Detail> of(const ConnectionNode& node, const ConnectionTree& tree,
                                   const QHash<int, KeepPolicy>& keepPolicies,
                                   const std::optional<PortRange>& ephemeralPorts) {
    switch (node.kind) {
    case RowKind::Listener:
        return listenerDetails(node, keepPolicies);
    case RowKind::OutgoingGroup:
        return groupDetails(node, ephemeralPorts);
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    return connectionDetails(node, tree, keepPolicies);
}

} // namespace sockscope::connectiondetails
