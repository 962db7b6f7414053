#pragma once

#include "engine/config.h"

#include <QGroupBox>

class QCheckBox;
class QFormLayout;
class QLineEdit;

namespace sockscope {

// The TLS part of the Listen and Connect dialogs: a checkable group, off
// for plain TCP, whose fields show only while it is checked, so that a
// dialog for plain TCP stays short. A server takes a certificate and key
// (none: SockScope's own, from its local CA) and may require client
// certificates; a client takes the SNI, a CA file, whether to verify, and
// a certificate and key to present when asked. Both take an ALPN list.
class TlsOptionsBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsOptionsBox)
public:
    enum class Side { Server, Client };
    TlsOptionsBox(Side side, QWidget* parent = nullptr);

    TlsOptions options() const;
    void setOptions(const TlsOptions& options);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    // whenEmpty: what an empty field stands for, shown in it.
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const QString& whenEmpty,
                          const QString& tip);
    void showFields(bool shown);

    const Side m_side;
    QWidget* m_fields = nullptr;
    QLineEdit* m_certFile = nullptr; // server: its own; client: to present when asked
    QLineEdit* m_keyFile = nullptr;
    // Server: whether clients must present a certificate, verified against m_caFile.
    QCheckBox* m_requestClientCert = nullptr;
    QLineEdit* m_caFile = nullptr; // client: the server's CA; server: the clients' CA
    QLineEdit* m_sni = nullptr;    // client only
    QCheckBox* m_verify = nullptr; // client only
    QLineEdit* m_alpn = nullptr;
};

} // namespace sockscope
