#pragma once

#include "system/kernelsettings.h"

#include <QVariant>

#include <optional>

namespace sockscope {

struct ConnectionNode;

// What ConnectionsModel shows of a node, per column. The texts are translated
// in ConnectionsModel's context, where the translations already have them.
namespace connectiontext {

QVariant columnTitle(int column);
QVariant display(const ConnectionNode& node, int column);
// ephemeralPorts: the kernel's range, named in the group row's tooltip.
QVariant toolTip(const ConnectionNode& node, int column,
                 const std::optional<PortRange>& ephemeralPorts);
// The row's TLS in words ("TLSv1.3 · TLS_AES_128_GCM_SHA256 · ALPN h2", "TLS
// handshake failed: …"); empty for plain TCP.
QString tlsText(const ConnectionNode& node);
// Numbers for the id, port and byte columns, so that they sort as numbers.
QVariant sortKey(const ConnectionNode& node, int column);

} // namespace connectiontext

} // namespace sockscope
