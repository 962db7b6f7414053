#pragma once

#include <QFrame>

class QLabel;

namespace sockscope {

// The strip at the top of a window that shows a saved session: says where
// it came from and that nothing here touches the network. Always shown;
// unlike the notice banner it cannot be dismissed.
class ReadOnlyBanner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadOnlyBanner)
public:
    ReadOnlyBanner(const QString& filePath, const QString& note, QWidget* parent = nullptr);

    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    QLabel* m_message = nullptr;
};

} // namespace sockscope
