import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { WarroomState } from '../store';
import type { Controller } from './controller';

export const ControllerContext = createContext<Controller | null>(null);

export function useController(): Controller {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController outside <ControllerContext.Provider>');
  return controller;
}

/** Selects from the store; arrays and objects built by the selector are compared shallowly. */
export function useWarroom<T>(selector: (state: WarroomState) => T): T {
  return useStore(useController().store, useShallow(selector));
}

/**
 * Selects one value kept in the store, compared by identity: for the journal's events. A shallow
 * compare walks a 100,000-event array on every store change.
 */
export function useWarroomValue<T>(selector: (state: WarroomState) => T): T {
  return useStore(useController().store, selector);
}
