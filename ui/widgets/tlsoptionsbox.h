#pragma once

#include "engine/config.h"

#include <QGroupBox>

class QCheckBox;
class QFormLayout;
class QLineEdit;

namespace sockscope {

// The TLS part of the Listen and Connect dialogs: a checkable group, off
// for plain TCP. A server takes a certificate and key (none: SockScope's
// own, from its local CA); a client takes the SNI, a CA file and whether to
// verify. Both take an ALPN list.
class TlsOptionsBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsOptionsBox)
public:
    enum class Side { Server, Client };
    TlsOptionsBox(Side side, QWidget* parent = nullptr);

    TlsOptions options() const;
    void setOptions(const TlsOptions& options);

private:
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const QString& tip);

    const Side m_side;
    QLineEdit* m_certFile = nullptr; // server: its certificate; client: a client certificate
    QLineEdit* m_keyFile = nullptr;
    QLineEdit* m_caFile = nullptr; // client only
    QLineEdit* m_sni = nullptr;    // client only
    QCheckBox* m_verify = nullptr; // client only
    QLineEdit* m_alpn = nullptr;
};

} // namespace sockscope
