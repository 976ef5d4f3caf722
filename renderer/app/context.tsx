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
