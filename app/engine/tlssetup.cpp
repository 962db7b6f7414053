#include "engine/tlssetup.h"

#include "engine/tlsinspector.h"

namespace sockscope {

std::optional<TlsSetup::ForListener> TlsSetup::forListener(const ListenerConfig& config,
                                                           QString* error) {
    ForListener made;
    if (config.tls.enabled) {
        if (config.tls.certFile.isEmpty() && !m_ca)
            m_ca = LocalCa::open(LocalCa::defaultDir(), error);
        if (config.tls.certFile.isEmpty() && !m_ca)
            return std::nullopt;
        made.server = TlsContext::forServer(config.tls, m_ca, error);
        if (!made.server)
            return std::nullopt;
    }
    const ResponderConfig& responder = config.responder;
    if (responder.kind == ResponderConfig::Kind::Forward && responder.upstreamTls.enabled) {
        made.upstream = TlsContext::forClient(responder.upstreamTls, error);
        if (!made.upstream)
            return std::nullopt;
    }
    return made;
}

std::shared_ptr<const TlsSummary> describeServer(const TlsContext& server) {
    auto summary = std::make_shared<TlsSummary>();
    summary->ok = true;
    if (X509* certificate = server.certificate())
        summary->chain.append(describeCertificate(certificate, 0));
    summary->alpn = server.options().alpn.join(u',');
    return summary;
}

} // namespace sockscope
