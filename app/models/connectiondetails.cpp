#include "models/connectiondetails.h"

#include "models/byteformat.h"
#include "models/connectiontext.h"
#include "models/connectiontree.h"
#include "models/timeformat.h"
#include "sysinfo/kernelsettings.h"

#include <QLocale>

namespace sockscope::connectiondetails {

namespace {

using Model = ConnectionsModel;
using Details = QList<Model::Detail>;
using RowKind = Model::RowKind;
using State = Model::State;

QString bytesText(qint64 bytes) {
    return bytes < 1024
               ? Model::tr("%1 bytes").arg(QLocale().toString(bytes))
               : Model::tr("%1 bytes (%2)").arg(QLocale().toString(bytes), formatBytes(bytes));
}

// Where a listener is bound decides who can reach it (the HOWTO's point).
QString bindScope(const SocketAddress& address) {
    const QHostAddress host = address.hostAddress();
    if (host.isLoopback())
        return Model::tr("loopback: only this machine can connect");
    if (host == QHostAddress(QHostAddress::AnyIPv4) || host == QHostAddress(QHostAddress::AnyIPv6))
        return Model::tr("every interface: any host that can route here can connect");
    return Model::tr("this interface only");
}

QString portNote(quint16 port) {
    return port < 1024 ? Model::tr("%1 (privileged: below 1024)").arg(port) : QString::number(port);
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
        details.append({Model::tr("Started"), formatLocalTimeUs(node.startUs)});
    if (node.isOver() && node.endUs > 0)
        details.append({node.kind == RowKind::Listener ? Model::tr("Stopped") : Model::tr("Ended"),
                        formatLocalTimeUs(node.endUs)});
    if (!node.startSeen)
        details.append({Model::tr("Note"), Model::tr("start not captured")});
}

void addKeep(Details& details, const QHash<int, KeepPolicy>& keepPolicies, int id) {
    const auto keep = keepPolicies.constFind(id);
    if (keep != keepPolicies.cend())
        details.append({Model::tr("Keep payload"), keep->name()});
}

Details listenerDetails(const ConnectionNode& node, const QHash<int, KeepPolicy>& keepPolicies) {
    Details details{
        {Model::tr("Listener"), Model::tr("#%1").arg(node.id)},
        {Model::tr("State"), connectiontext::display(node, Model::StateColumn).toString()}};
    if (node.state == State::Failed)
        details.append({Model::tr("Error"),
                        node.message.isEmpty() ? errorCodeName(node.error) : node.message});
    if (!node.local.isNull()) {
        details.append(
            {Model::tr("Bind address"),
             Model::tr("%1 (%2)").arg(node.local.hostAddress().toString(), bindScope(node.local))});
        details.append({Model::tr("Port"), portNote(node.local.port())});
    }
    if (node.backlog > 0)
        details.append({Model::tr("Backlog asked"), QString::number(node.backlog)});
    if (node.queue) {
        const ListenerQueue& queue = *node.queue;
        details.append({Model::tr("Accept queue now"),
                        queue.queued < 0 ? Model::tr("unknown / backlog %1").arg(queue.backlog)
                                         : Model::tr("%1 waiting / backlog %2 (the kernel's limit)")
                                               .arg(queue.queued)
                                               .arg(queue.backlog)});
        details.append({Model::tr("Accepting"),
                        queue.paused ? Model::tr("paused: connections wait in the kernel's queue")
                                     : Model::tr("yes")});
    }
    if (!node.responder.isEmpty())
        details.append({Model::tr("Responder"), node.responder});
    addKeep(details, keepPolicies, node.id);
    details.append({Model::tr("Accepted"), Model::tr("%1 connections").arg(node.started)});
    addTimes(details, node);
    return details;
}

Details connectionDetails(const ConnectionNode& node, const ConnectionTree& tree,
                          const QHash<int, KeepPolicy>& keepPolicies) {
    const bool accepted = node.kind == RowKind::Accepted;
    Details details{
        {Model::tr("Connection"),
         accepted ? Model::tr("#%1, accepted by listener #%2").arg(node.id).arg(node.listenerId)
                  : Model::tr("#%1, outgoing client").arg(node.id)}};
    if (!node.target.isEmpty())
        details.append({Model::tr("Target as typed"), node.target});
    if (!node.local.isNull()) {
        details.append({Model::tr("Local"),
                        accepted ? Model::tr("%1 (the listener's port)").arg(node.localText())
                                 : Model::tr("%1 (our ephemeral port, picked by the kernel)")
                                       .arg(node.localText())});
    }
    if (!node.peer.isNull()) {
        details.append({Model::tr("Peer"),
                        accepted ? Model::tr("%1 (the peer's ephemeral port)").arg(node.peerText())
                                 : node.peerText()});
    }
    if (const ConnectionNode* other = otherEnd(node, tree)) {
        details.append(
            {Model::tr("Other end"),
             other->kind == RowKind::Accepted
                 ? Model::tr("connection #%1, accepted by listener #%2")
                       .arg(other->id)
                       .arg(other->listenerId)
                 : Model::tr("connection #%1, a client of this session").arg(other->id)});
    }
    details.append(
        {Model::tr("State"), connectiontext::display(node, Model::StateColumn).toString()});
    if (node.readingPaused && node.isOpen()) {
        details.append({Model::tr("Reading"),
                        Model::tr("paused: the kernel's buffer fills and TCP flow control holds "
                                  "the peer back")});
    }
    if (node.state == State::Failed) {
        details.append({Model::tr("Error"),
                        node.message.isEmpty() ? errorCodeName(node.error) : node.message});
    } else if (node.ending.kind() != ConnectionEnding::Kind::Open) {
        details.append({node.isOver() ? Model::tr("How it ended") : Model::tr("Half-closed"),
                        node.ending.text(ConnectionEnding::Wording::Translated)});
    }
    details.append({Model::tr("Bytes in"), bytesText(node.bytesIn)});
    details.append({Model::tr("Bytes out"), bytesText(node.bytesOut)});
    if (node.droppedEvents > 0) {
        details.append({Model::tr("Dropped"), Model::tr("%1 in %2 events")
                                                  .arg(formatBytes(node.droppedBytes))
                                                  .arg(node.droppedEvents)});
        if (!node.dropReason.isEmpty())
            details.append({Model::tr("Why dropped"), node.dropReason});
    }
    addKeep(details, keepPolicies, accepted ? node.listenerId : node.id);
    if (node.probe)
        details.append({Model::tr("Note"), Model::tr("reachability probe, closed at once")});
    addTimes(details, node);
    return details;
}

Details groupDetails(const ConnectionNode& node) {
    Details details{{Model::tr("Outgoing clients"), Model::tr("%1 started").arg(node.started)}};
    if (const std::optional<PortRange> range = readEphemeralPortRange()) {
        details.append({Model::tr("Local ports"),
                        Model::tr("from the kernel's ephemeral range %1–%2, unless a client "
                                  "binds one")
                            .arg(range->first)
                            .arg(range->last)});
    }
    return details;
}

} // namespace

QList<ConnectionsModel::Detail> of(const ConnectionNode& node, const ConnectionTree& tree,
                                   const QHash<int, KeepPolicy>& keepPolicies) {
    switch (node.kind) {
    case RowKind::Listener:
        return listenerDetails(node, keepPolicies);
    case RowKind::OutgoingGroup:
        return groupDetails(node);
    case RowKind::Accepted:
    case RowKind::Outgoing:
        break;
    }
    return connectionDetails(node, tree, keepPolicies);
}

} // namespace sockscope::connectiondetails
