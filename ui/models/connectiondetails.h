#pragma once

#include "models/connectionsmodel.h"

namespace sockscope {

class ConnectionTree;

// Everything a row of the connections tree knows, as labelled lines: what
// the details pane shows of the selected listener, connection or group, in
// ConnectionsModel's translation context.
namespace connectiondetails {

QList<ConnectionsModel::Detail> of(const ConnectionNode& node, const ConnectionTree& tree,
                                   const QHash<int, KeepPolicy>& keepPolicies,
                                   const std::optional<PortRange>& ephemeralPorts);

} // namespace connectiondetails

} // namespace sockscope
