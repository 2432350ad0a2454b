/**
 * The sign-off workflow (recording a step, locking the year, emailing the next people) loads on first
 * use, keeping it out of each web part's first load: most visits only read.
 */
export type Workflow = typeof import('./periodWorkflow');

let workflow: Promise<Workflow> | undefined;

export function loadWorkflow(): Promise<Workflow> {
  workflow = workflow ?? import(/* webpackChunkName: 'workflow' */ './periodWorkflow');
  workflow.catch(() => (workflow = undefined));
  return workflow;
}
