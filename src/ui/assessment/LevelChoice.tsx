import * as React from 'react';
import { Framework, LevelId, MaturityIndex } from '../../framework/types';
import { DescriptorText } from '../components/LevelDescriptors';

export interface LevelChoiceProps {
  framework: Framework;
  index: MaturityIndex;
  legend: string;
  name: string;
  value?: LevelId;
  onChange: (level: LevelId) => void;
  disabled?: boolean;
  /** Marks the level the council aims for, so the choice reads against the target. */
  target?: LevelId;
}

/**
 * The strategy's five level descriptors as the choices: native radio buttons in a fieldset, so the
 * arrow keys move between levels and a screen reader hears each level with its descriptor.
 */
export function LevelChoice({ framework, index, legend, name, value, onChange, disabled, target }: LevelChoiceProps): JSX.Element {
  return (
    <fieldset className="nps-level-choice" disabled={disabled}>
      <legend>{legend}</legend>
      {framework.levels.map((level) => {
        const id = `${name}-${level.id}`;
        return (
          <div key={level.id} className={value === level.id ? 'nps-level-option nps-level-option--chosen' : 'nps-level-option'}>
            <input type="radio" id={id} name={name} value={level.id} checked={value === level.id} onChange={() => onChange(level.id)} aria-describedby={`${id}-text`} />
            <label htmlFor={id}>
              <strong>
                {level.rank}. {level.title}
              </strong>
              {target === level.id && <span className="nps-target-tag"> (target)</span>}
            </label>
            <DescriptorText id={`${id}-text`} className="nps-level-option__text" text={index.descriptors[level.id]} />
          </div>
        );
      })}
    </fieldset>
  );
}
