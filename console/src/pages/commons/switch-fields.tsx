import DatePicker from '@cloudscape-design/components/date-picker';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TimeInput from '@cloudscape-design/components/time-input';
import { SWITCH_TIME_LABELS } from './format';
import { GUARDS, SWITCH_TIMES, SwitchForm, switchFormErrors } from './switch-settings';

/** Switching time, its scheduled UTC time, and the optional cutover guard overrides. */
export function SwitchFields({
  value,
  onChange,
  disabled,
  maintenanceWindow,
}: {
  value: SwitchForm;
  onChange: (next: SwitchForm) => void;
  disabled?: boolean;
  maintenanceWindow?: string;
}) {
  const errors = switchFormErrors(value);
  const set = (change: Partial<SwitchForm>) => onChange({ ...value, ...change });
  return (
    <SpaceBetween size="m">
      <FormField
        label="Switching time"
        description={maintenanceWindow ? `Maintenance window ${maintenanceWindow} (UTC).` : undefined}
      >
        <RadioGroup
          value={value.switchTime}
          onChange={(e) => set({ switchTime: e.detail.value })}
          ariaLabel="Switching time"
          items={SWITCH_TIMES.map((t) => ({ value: t, label: SWITCH_TIME_LABELS[t] ?? t, disabled }))}
        />
      </FormField>
      {value.switchTime === 'ScheduledTime' && (
        <FormField
          label="Switch at (UTC)"
          description="After the data is caught up and at most 7 days after that; the dry run says when that is."
          errorText={errors.switchAt}
        >
          <SpaceBetween direction="horizontal" size="xs">
            <DatePicker
              value={value.switchDate}
              onChange={(e) => set({ switchDate: e.detail.value })}
              placeholder="YYYY/MM/DD"
              ariaLabel="Switch day (UTC)"
              openCalendarAriaLabel={(d) => 'Choose the switch day' + (d ? `, selected ${d}` : '')}
              disabled={disabled}
            />
            <TimeInput
              value={value.switchClock}
              onChange={(e) => set({ switchClock: e.detail.value })}
              format="hh:mm"
              placeholder="hh:mm"
              ariaLabel="Switch time of day (UTC)"
              disabled={disabled}
            />
          </SpaceBetween>
        </FormField>
      )}
      <ExpandableSection headerText="Cutover guards (optional)" variant="footer">
        <SpaceBetween size="s">
          {GUARDS.map((g) => (
            <FormField
              key={g.field}
              label={`${g.label} (${g.unit})`}
              description={`Default ${g.defaultValue.toLocaleString('en-US')}; ${g.min}–${g.max.toLocaleString('en-US')}.`}
              errorText={errors.guards[g.field]}
            >
              <Input
                value={value.guards[g.field] ?? ''}
                inputMode="numeric"
                placeholder={String(g.defaultValue)}
                ariaLabel={`${g.label} (${g.unit})`}
                onChange={(e) => set({ guards: { ...value.guards, [g.field]: e.detail.value } })}
                disabled={disabled}
              />
            </FormField>
          ))}
        </SpaceBetween>
      </ExpandableSection>
    </SpaceBetween>
  );
}
