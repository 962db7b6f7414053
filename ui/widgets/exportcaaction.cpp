#include "exportcaaction.h"

#include "cli/localcaexport.h"
#include "engine/localca.h"
#include "uilog.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>

namespace sockscope {

ExportCaAction::ExportCaAction(QWidget* parent)
    : QAction(tr("Export C&A certificate…"), parent)
    , m_dialogParent(parent) {
    setToolTip(tr("Save the certificate of SockScope's own certificate authority, which issues "
                  "the certificates of TLS listeners without one of their own, to trust it "
                  "in a browser or the system"));
    setStatusTip(toolTip());
    connect(this, &QAction::triggered, this, &ExportCaAction::chooseFile);
}

bool ExportCaAction::exportTo(const QString& path) {
    QString error;
    if (!exportLocalCa(path, &error)) {
        qCWarning(lcUi) << "CA export failed:" << error;
        auto* box = new QMessageBox(QMessageBox::Warning, tr("CA certificate not exported"),
                                    tr("SockScope's CA certificate could not be exported to %1.")
                                        .arg(QDir::toNativeSeparators(path)),
                                    QMessageBox::Ok, m_dialogParent);
        box->setObjectName(QStringLiteral("caExportFailedBox"));
        box->setInformativeText(error);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    qCInfo(lcUi) << "exported the local CA's certificate to" << path;
    explain(path);
    return true;
}

void ExportCaAction::chooseFile() {
    const QString path =
        QFileDialog::getSaveFileName(m_dialogParent, tr("Export CA certificate"),
                                     QDir::home().filePath(QStringLiteral("sockscope-ca.pem")),
                                     tr("PEM certificate (*.pem *.crt);;All files (*)"));
    // Taken as typed: a suffix added after the dialog asked about
    // overwriting would replace another file without asking.
    if (path.isEmpty())
        return;
    exportTo(path);
}

void ExportCaAction::explain(const QString& path) {
    // Opened again for its fingerprint: the export made it if it was new.
    QString error;
    const std::shared_ptr<const LocalCa> ca = LocalCa::open(LocalCa::defaultDir(), &error);
    const QString fingerprint = ca ? sha256Fingerprint(ca->certificate()) : error;
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("CA certificate exported"),
        tr("SockScope's CA certificate is in %1.").arg(QDir::toNativeSeparators(path)),
        QMessageBox::Ok, m_dialogParent);
    box->setObjectName(QStringLiteral("caExportedBox"));
    box->setInformativeText(
        tr("<p>Trusting it as an authority (in a browser's certificate settings, or in the "
           "system's store with update-ca-certificates) makes the certificates SockScope "
           "issues verify: those of TLS listeners without a certificate of their own, and those "
           "a relay with TLS on both legs shows its clients.</p>"
           "<p>Whoever has its key, kept in %1, can then pose as any server to what trusts it. "
           "Trust it only where you test, and remove it when you are done.</p>"
           "<p>SHA-256 fingerprint:<br><tt>%2</tt></p>")
            .arg(QDir::toNativeSeparators(LocalCa::defaultDir()).toHtmlEscaped(),
                 fingerprint.toHtmlEscaped()));
    box->setTextFormat(Qt::RichText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace sockscope
