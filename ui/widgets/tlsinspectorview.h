#pragma once

#include "base/captureevent.h"

#include <QHash>
#include <QTextBrowser>

#include <memory>

namespace sockscope {

class SessionSource;

// The handshake inspector: what a TLS connection's handshake settled, or
// how far it got before it failed, from its tls event. Version, cipher,
// ALPN, SNI, the server's temporary key, the verify result, the duration,
// the alerts and who sent them; the peer's chain with each depth's verify
// result; the ClientHello and ServerHello as hex. A plain connection says so.
class TlsInspectorView final : public QTextBrowser {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsInspectorView)
public:
    explicit TlsInspectorView(const SessionSource* source, QWidget* parent = nullptr);

    void setConnection(int conn);
    // A handshake of the shown connection may end in it.
    void appendBatch(const EventBatch& events);

private:
    void show(const std::shared_ptr<const TlsSummary>& summary);
    static QString html(const TlsSummary& t);

    const SessionSource* const m_source;
    int m_conn = 0;
    // Each TLS connection's summary: a click looks it up, never walks the session.
    QHash<int, std::shared_ptr<const TlsSummary>> m_summaries;
    bool m_indexed = false;
};

} // namespace sockscope
