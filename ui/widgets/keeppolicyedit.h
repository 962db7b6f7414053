#pragma once

#include "capture/keeppolicy.h"

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace sockscope {

// Picks a keep policy, as the Listen and Connect dialogs offer it: keep
// everything, the first N KiB of each direction, or counts only.
class KeepPolicyEdit final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeepPolicyEdit)
public:
    explicit KeepPolicyEdit(QWidget* parent = nullptr);

    KeepPolicy policy() const;
    void setPolicy(const KeepPolicy& policy);

private:
    void updateSizeEnabled();

    QComboBox* m_mode = nullptr;
    QSpinBox* m_headKiB = nullptr;
};

} // namespace sockscope
