#pragma once

#include "base/tlssummary.h"
#include "engine/config.h"
#include "engine/localca.h"
#include "engine/tlscontext.h"

#include <memory>
#include <optional>

namespace sockscope {

// The TLS contexts of a session's listeners, made from their options as
// each starts, and the local CA they share (opened on first need).
class TlsSetup {
public:
    struct ForListener {
        std::shared_ptr<const TlsContext> server;   // --listen-tls; null: plain
        std::shared_ptr<const TlsContext> upstream; // forward-tls; null: plain
    };
    // nullopt with a reason naming the file when the options cannot be used.
    std::optional<ForListener> forListener(const ListenerConfig& config, QString* error);

private:
    std::shared_ptr<const LocalCa> m_ca;
};

// What a TLS listener's Listen event shows: its own certificate, as chain[0].
std::shared_ptr<const TlsSummary> describeServer(const TlsContext& server);

} // namespace sockscope
