#pragma once

#include <QVariant>

namespace sockscope {

struct ConnectionNode;

// What ConnectionsModel shows of a node, per column. The texts are translated
// in ConnectionsModel's context, where the translations already have them.
namespace connectiontext {

QVariant columnTitle(int column);
QVariant display(const ConnectionNode& node, int column);
QVariant toolTip(const ConnectionNode& node, int column);
// Numbers for the id, port and byte columns, so that they sort as numbers.
QVariant sortKey(const ConnectionNode& node, int column);

} // namespace connectiontext

} // namespace sockscope
