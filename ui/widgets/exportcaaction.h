#pragma once

#include <QAction>

namespace sockscope {

// File → Export CA certificate…: writes the certificate of SockScope's
// local CA (made on first use; the same as --export-ca) as PEM, and says
// what trusting it means, with its fingerprint to check it by.
class ExportCaAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportCaAction)
public:
    explicit ExportCaAction(QWidget* parent);

    // What the dialog leads to: writes the file, then explains, or names
    // the failure, in a message box. False when it failed.
    bool exportTo(const QString& path);

private:
    void chooseFile();
    void explain(const QString& path);

    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
